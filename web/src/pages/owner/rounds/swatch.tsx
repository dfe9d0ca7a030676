import { useId } from "react";

/** The hatch that marks a suppressed value in the charts, as a legend swatch. */
export function HatchSwatch({ width = 28, height = 16 }: { width?: number; height?: number }) {
  const id = `hatch-${useId().replace(/[^\w-]/g, "")}`;
  return (
    <svg width={width} height={height} focusable="false" aria-hidden="true" className="hatch-swatch">
      <HatchPattern id={id} />
      <rect x="0.5" y="0.5" width={width - 1} height={height - 1} fill={`url(#${id})`} stroke="#5c6573" />
    </svg>
  );
}

export function HatchPattern({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#ffffff" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#5c6573" strokeWidth="2" />
      </pattern>
    </defs>
  );
}
