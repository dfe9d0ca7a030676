/**
 * `npm start`: one region (start-region.ts), or several side by side with their consortium
 * (start-regions.ts) when REGIONS=<id>,<id>,... or CONSORTIUM=<id> is set.
 */
if (process.env.REGIONS || process.env.CONSORTIUM) await import("./start-regions");
else await import("./start-region");
export {};
