import "./texts";
import { matchPath } from "../../../lib/router";
import { NotFoundPage } from "../../NotFound";
import { OfferingsPage } from "./Offerings";
import { OfferingFormPage } from "./OfferingForm";
import { GapPage } from "./Gap";
import { ShortagePage } from "./Shortage";

/**
 * The education-supply pages (issue 10, items 3 and 4): the offerings, their import and form, and
 * a round's gap and shortage views. A chunk of its own, loaded when one of them is opened.
 */
export default function SupplyApp({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if (matchPath("/owner/supply", path)) return <OfferingsPage />;
  if (matchPath("/owner/supply/new", path)) return <OfferingFormPage />;
  if ((m = matchPath("/owner/supply/:id", path))) return <OfferingFormPage key={m.id} id={m.id} />;
  if ((m = matchPath("/owner/rounds/:id/gap", path))) return <GapPage key={m.id} roundId={m.id} />;
  if ((m = matchPath("/owner/rounds/:id/shortage", path))) return <ShortagePage key={m.id} roundId={m.id} />;
  return <NotFoundPage />;
}

