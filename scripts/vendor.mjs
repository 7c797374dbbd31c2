// Copy the front-end files listed under "kioskVendor" in package.json from
// node_modules into static/vendor/, where the kiosk serves them.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { kioskVendor } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
mkdirSync(join(root, "static", "vendor"), { recursive: true });
for (const [target, source] of Object.entries(kioskVendor)) {
  mkdirSync(dirname(join(root, "static", "vendor", target)), { recursive: true });
  copyFileSync(join(root, "node_modules", source), join(root, "static", "vendor", target));
}
console.log(`static/vendor: ${Object.keys(kioskVendor).length} files`);
