import { useState } from "react";
import { PillarIcon } from "../ui/PillarIcon";
import { pillarOf } from "../ui/pillars";

const NEUTRAL = "#475569";

/**
 * A quest's picture in a 16:9 box that holds its height before the image arrives (no layout
 * shift). Without an image, or when it fails to load, the box shows the quest's first pillar:
 * its colour and its icon. Decorative (`alt=""`): the quest's title is always beside it.
 */
export function QuestImage({
  src,
  pillars,
  className = "",
  priority = false,
}: {
  src: string | null | undefined;
  pillars: readonly string[];
  className?: string;
  /** Above the fold (a quest's own page): load at once instead of lazily. */
  priority?: boolean;
}) {
  // The address that failed, so that a new one (an admin's edit) is tried again.
  const [failed, setFailed] = useState<string | null>(null);
  const pillar = pillars[0] ?? "";
  const color = pillarOf(pillar)?.color ?? NEUTRAL;
  return (
    <div className={`aspect-video w-full overflow-hidden bg-slate-100 ${className}`} data-testid="quest-image">
      {src && failed !== src ? (
        <img
          src={src}
          alt=""
          width={640}
          height={360}
          loading={priority ? "eager" : "lazy"}
          fetchPriority={priority ? "high" : "auto"}
          decoding="async"
          className="h-full w-full object-cover"
          onError={() => setFailed(src)}
        />
      ) : (
        <div
          className="flex h-full w-full items-center justify-center"
          style={{ background: `linear-gradient(135deg, ${color}14, ${color}40)` }}
          data-testid="quest-image-fallback"
          data-pillar={pillar}
        >
          <span className="rounded-full bg-white/85 p-3 shadow-sm">
            <PillarIcon pillar={pillar} className="h-10 w-10" />
          </span>
        </div>
      )}
    </div>
  );
}
