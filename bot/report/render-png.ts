import { createRequire } from "node:module";
import type { Report } from "../../domain/report/report.ts";
import { CHART_FONT_FAMILY, CHART_WIDTH, chartSvg } from "./chart-svg.ts";

const require = createRequire(import.meta.url);
/** The font ships in an npm package: the chart looks the same on a server without any fonts. */
const FONT_FILES = [
  require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
];

/**
 * The chart as PNG, through resvg (a prebuilt native binary in its npm package; no browser). Loaded
 * on first use, so a process that never renders a report does not pay for it.
 */
export async function renderChartPng(report: Report): Promise<Buffer> {
  const { Resvg } = await import("@resvg/resvg-js");
  const resvg = new Resvg(chartSvg(report), {
    fitTo: { mode: "width", value: CHART_WIDTH },
    background: "#FFFFFF",
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: CHART_FONT_FAMILY },
  });
  return resvg.render().asPng();
}
