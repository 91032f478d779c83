// `next start` for the outage test, under a process title of its own (see scripts/next-start-titled.mjs).
import { nextStartTitled } from "../../scripts/next-start-titled.mjs";

await nextStartTitled("rd-outage-app");
