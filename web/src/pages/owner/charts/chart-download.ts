import { saveBlob } from "../../../lib/download";

/** The chart's SVG document as a file. */
export function saveSvg(svg: string, filename: string): void {
  saveBlob(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }), filename);
}

/**
 * The chart as PNG: the SVG document drawn through an <img> onto a canvas at twice its size (sharp
 * when printed). The image is a data: URL, which the site's Content-Security-Policy allows for
 * images (img-src 'self' data:), where a blob: URL would be refused.
 */
export async function savePng(svg: string, width: number, height: number, filename: string): Promise<void> {
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error("The chart could not be drawn as an image."));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
  const scale = 2;
  const canvas = document.createElement("canvas");
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("This browser cannot draw the chart as an image.");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("The chart could not be saved as PNG.");
  saveBlob(blob, filename);
}

/** A file name from a table id: "needShare.digitalisation.now" -> "diagram-needShare-digitalisation-now". */
export const chartFileName = (id: string, ext: "svg" | "png") => `diagram-${id.replace(/[^\w-]+/g, "-")}.${ext}`;
