import { customersBench } from "./customers.ts";
import { decisionsBench } from "./decisions.ts";
import { footprintBench } from "./footprint.ts";
import { homeBench } from "./home.ts";
import { intakeSection } from "./intake.ts";
import { mailBench } from "./mail.ts";
import { reportBench } from "./report.ts";
import { startBench } from "./start.ts";
import { webhooksBench } from "./webhooks.ts";

export interface BenchSection {
  /** Short name to pick it: `npm run bench -- <name>`. */
  name: string;
  title: string;
  /** Runs the benchmark and prints its figures with console.log. */
  run(): Promise<void>;
}

/** Every benchmark, in the order they run. One file per section in bench/. */
export const sections: BenchSection[] = [
  startBench,
  footprintBench,
  intakeSection,
  decisionsBench,
  customersBench,
  homeBench,
  reportBench,
  mailBench,
  webhooksBench,
];
