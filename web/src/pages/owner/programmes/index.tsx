import "./texts";
import { matchPath } from "../../../lib/router";
import { NotFoundPage } from "../../NotFound";
import { ProgrammesPage } from "./Programmes";
import { NewProgrammePage } from "./NewProgramme";
import { ProgrammePage } from "./Programme";
import { CyclePage } from "./Cycle";
import { ReportPage } from "./Report";

/**
 * Everything under /owner/programmes: the learning programmes' pages, a chunk of its own that
 * loads only when one of them is opened.
 */
export default function ProgrammesApp({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if (matchPath("/owner/programmes", path)) return <ProgrammesPage />;
  if (matchPath("/owner/programmes/new", path)) return <NewProgrammePage />;
  if ((m = matchPath("/owner/programmes/:id/report", path))) return <ReportPage key={m.id} id={m.id} />;
  if ((m = matchPath("/owner/programmes/:id/cycles/:n", path)) && /^\d+$/.test(m.n)) return <CyclePage key={`${m.id}/${m.n}`} id={m.id} n={Number(m.n)} />;
  if ((m = matchPath("/owner/programmes/:id", path))) return <ProgrammePage key={m.id} id={m.id} />;
  return <NotFoundPage />;
}
