#!/usr/bin/env node
// The `obuka` command: lets Node load TypeScript through tsx, then starts authoring/cli.ts.
import { register } from "tsx/esm/api";

register();
await import("../cli.ts");
