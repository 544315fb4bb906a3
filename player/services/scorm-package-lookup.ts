import { type ScormItem, type ScormPackage, listScormItems } from "../domain/content-package.js";
import { NotFoundError } from "../errors.js";
import type { PlayerStore } from "../store/player-store.js";

/** The content of a stored SCORM 1.2 or 2004 package; any other id is not found. */
export async function findScormPackage(store: PlayerStore, packageId: string): Promise<ScormPackage> {
  const pkg = await store.findPackage(packageId);
  if (!pkg || (pkg.content.format !== "scorm12" && pkg.content.format !== "scorm2004")) throw new NotFoundError("SCORM package");
  return pkg.content;
}

/** An item of the package's default organization (the one the activity tree is built from). */
export function findScormItem(content: ScormPackage, itemId: string): ScormItem | undefined {
  const organization = content.organizations.find((o) => o.identifier === content.defaultOrganization) ?? content.organizations[0];
  return organization ? listScormItems(organization.items).find((item) => item.identifier === itemId) : undefined;
}
