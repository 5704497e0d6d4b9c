"""The documents Optio signs: a quest's or an achievement's Open Badges 3.0 credential, a learner
record and a Bitstring Status List.

What a quest credential says (OB 3.0 on the VC Data Model 2.0):
- the Achievement is the quest: name, description, criteria from its tasks, image, the
  pillars as tags, and one ResultDescription per pillar;
- the recipient is a salted SHA-256 of the e-mail (IdentityObject, hashed), never the e-mail;
  the student's name only while their diploma is public;
- the XP earned in each pillar as Results; evidence for each task whose evidence is not
  private (its text, or its link; a file by the diploma's public link while it is public);
- a BitstringStatusListEntry for revocation.

An achievement's credential says the same of an unlocked achievement: the Achievement is its
name, description (as the criteria too) and category, with no results and no evidence.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from ..pillars import PILLARS
from .issuer import Issuer
from .loader import CLR_V2, CREDENTIALS_V2, OB_V3

# Positions in one status list: 131,072 bits (16 KiB), the smallest list the Bitstring Status
# List spec allows, so that a list does not tell how many credentials exist.
STATUS_LIST_SIZE = 131_072

# What a quest's image may be to appear in its credential (the database's floor,
# quests_image_url_check): an absolute web address, or a path on the site that the credential
# makes absolute, as OB 3.0's Image id is an IRI. Anything else is left out, never signed.
_IMAGE_URL = re.compile(r'(?:https?://[A-Za-z0-9]|/[^/\\\s"<>])[^\s"<>\\]*')


def timestamp(when: datetime) -> str:
    return when.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential_url(site: str, credential_id: Any) -> str:
    return f"{site}/api/credentials/{credential_id}"


def status_list_url(site: str, list_id: int) -> str:
    return f"{site}/api/credentials/status/{list_id}"


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0's hashed identity: 'sha256$' and the hex SHA-256 of the value then the salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def hashed_email(email: str) -> dict[str, Any]:
    """The recipient as OB 3.0's IdentityObject: the e-mail salted and hashed, never itself."""
    salt = secrets.token_hex(16)
    return {
        "type": "IdentityObject",
        "identityHash": identity_hash(email, salt),
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def quest_credential(row: dict[str, Any], issuer: Issuer) -> dict[str, Any]:
    """The unsigned credential of one completed quest, from queries.to_sign's row."""
    site = issuer.site_url
    pillars = [p for p in PILLARS if p in row["xp"]]
    achievement: dict[str, Any] = {
        "id": f"{site}/quests/{row['quest_id']}",
        "type": ["Achievement"],
        "name": row["title"],
        "description": row["description"] or row["title"],
        "criteria": {"narrative": _criteria(row["tasks"])},
        "tag": [PILLARS[p] for p in pillars],
        "resultDescription": [
            {
                "id": f"{site}/pillars/{p}",
                "type": ["ResultDescription"],
                "name": f"XP in {PILLARS[p]}",
                "resultType": "Points",
            }
            for p in pillars
        ],
    }
    image = quest_image(row.get("image_url"), site)
    if image:
        achievement["image"] = image
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [hashed_email(row["email"])],
        "achievement": achievement,
        "result": [
            {
                "type": ["Result"],
                "resultDescription": f"{site}/pillars/{p}",
                "value": str(row["xp"][p]),
            }
            for p in pillars
        ],
    }
    credential = _envelope(row, issuer, row["title"], subject)
    public = bool(row.get("diploma_public"))
    evidence = [
        _evidence(item, site, row.get("slug") if public else None) for item in row["evidence"]
    ]
    if evidence:
        credential["evidence"] = evidence
    return credential


def quest_image(image_url: str | None, site: str) -> dict[str, str] | None:
    """OB 3.0's Image of a quest's image: its absolute URL (a site path after `site`)."""
    if not image_url or _IMAGE_URL.fullmatch(image_url) is None:
        return None
    return {"id": site + image_url if image_url.startswith("/") else image_url, "type": "Image"}


def achievement_credential(row: dict[str, Any], issuer: Issuer) -> dict[str, Any]:
    """The unsigned credential of one unlocked achievement, from queries.to_sign's row."""
    description = row["achievement_description"]
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [hashed_email(row["email"])],
        "achievement": {
            "id": f"{issuer.site_url}/achievements/{row['achievement_key']}",
            "type": ["Achievement"],
            "name": row["achievement_name"],
            "description": description,
            "criteria": {"narrative": description},
            "tag": [row["achievement_category"]],
        },
    }
    return _envelope(row, issuer, row["achievement_name"], subject)


def _envelope(
    row: dict[str, Any], issuer: Issuer, name: str, subject: dict[str, Any]
) -> dict[str, Any]:
    """The credential around a subject: issuer, dates, the student's name while their diploma
    is public, and the status list entry for revocation."""
    site = issuer.site_url
    awarded = timestamp(row["issued_at"])
    if row.get("diploma_public") and row.get("name"):
        subject["name"] = row["name"]
    list_id, position = divmod(int(row["status_index"]), STATUS_LIST_SIZE)
    status_list = status_list_url(site, list_id)
    return {
        "@context": [CREDENTIALS_V2, OB_V3],
        "id": credential_url(site, row["id"]),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "issuer": issuer.profile(),
        "validFrom": awarded,
        "awardedDate": awarded,
        "credentialSubject": subject,
        "credentialStatus": {
            "id": f"{status_list}#{position}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(position),
            "statusListCredential": status_list,
        },
    }


def learner_record(
    credentials: list[dict[str, Any]],
    recipient: dict[str, Any],
    issuer: Issuer,
    record_id: str,
    valid_from: datetime,
) -> dict[str, Any]:
    """The unsigned CLR 2.0 ClrCredential bundling `credentials` (each signed on its own)."""
    subject: dict[str, Any] = {
        "type": ["ClrSubject"],
        "identifier": [hashed_email(recipient["email"])],
        "verifiableCredential": credentials,
    }
    name = recipient["name"] if recipient.get("is_public") else None
    return {
        "@context": [CREDENTIALS_V2, CLR_V2, OB_V3],
        "id": record_id,
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": issuer.profile(),
        "validFrom": timestamp(valid_from),
        "name": f"{name}'s learner record" if name else "Learner record",
        "credentialSubject": subject,
    }


def _criteria(tasks: Iterable[dict[str, Any]]) -> str:
    tasks = list(tasks)
    required = [t for t in tasks if t["required"]] or tasks
    lines = [f"- {t['title']} ({PILLARS.get(t['pillar'], t['pillar'])})" for t in required]
    return "Complete every required task of the quest, with evidence:\n" + "\n".join(lines)


def _evidence(item: dict[str, Any], site: str, public_slug: str | None) -> dict[str, Any]:
    found: dict[str, Any] = {"type": ["Evidence"], "name": item["task"]}
    kind = item["type"]
    if kind == "text":
        found["narrative"] = item["text"]
    elif kind == "link":
        found["id"] = item["url"]
        found["narrative"] = "A link the student gave as evidence."
    else:
        found["narrative"] = f"An {kind} the student uploaded as evidence."
        if public_slug:
            found["id"] = f"{site}/api/diplomas/{public_slug}/evidence/{item['id']}"
    return found


def status_list_credential(
    issuer: Issuer, list_id: int, positions: Iterable[int], valid_from: datetime
) -> dict[str, Any]:
    """The unsigned BitstringStatusListCredential of one list: bit `p` set for each revoked
    position, most significant bit first, GZIP-compressed, base64url multibase ('u')."""
    bits = bytearray(STATUS_LIST_SIZE // 8)
    for position in positions:
        bits[position // 8] |= 0x80 >> (position % 8)
    encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).decode().rstrip(
        "="
    )
    url = status_list_url(issuer.site_url, list_id)
    return {
        "@context": [CREDENTIALS_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.did,
        "validFrom": timestamp(valid_from),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded,
        },
    }
