/** The address of a credential's public verify page on this site. */
export function verifyUrl(credentialId: string, origin = window.location.origin): string {
  return `${origin}/verify/${encodeURIComponent(credentialId)}`;
}

/** LinkedIn's "Add licence or certification" form, filled in for one credential. */
export function linkedInUrl(
  { credentialId, title, issuedAt }: { credentialId: string; title: string; issuedAt: string },
  origin = window.location.origin,
): string {
  const issued = new Date(issuedAt);
  const query = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: title,
    organizationName: "Optio",
    issueYear: String(issued.getUTCFullYear()),
    issueMonth: String(issued.getUTCMonth() + 1),
    certUrl: verifyUrl(credentialId, origin),
    certId: credentialId,
  });
  return `https://www.linkedin.com/profile/add?${query}`;
}
