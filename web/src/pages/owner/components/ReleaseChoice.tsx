import { useI18n, type MessageKey } from "../../../i18n";
import { formatDateTime } from "../../../lib/format";

type Release = { number: number; kind: "interim" | "final"; status: "published" | "withheld"; cutoff: string; createdAt: string };

/**
 * The choice among a round's or a programme report's published releases (when there is more than
 * one), and a notice for each withheld release. `texts`: the message keys for the label, an
 * option ({n}, {kind}, {time}) and a withheld notice ({n}, {time}).
 */
export function ReleaseChoice({
  id,
  releases,
  current,
  onChoose,
  texts,
}: {
  id: string;
  releases: readonly Release[];
  current: number | undefined;
  onChoose: (n: number) => void;
  texts: { choose: MessageKey; option: MessageKey; withheld: MessageKey };
}) {
  const { t, locale } = useI18n();
  const published = releases.filter((r) => r.status === "published");
  const kind = (r: Release) => t(`results.release.kind.${r.kind}` as MessageKey);
  return (
    <>
      {published.length > 1 ? (
        <div className="field field-inline">
          <label htmlFor={id}>{t(texts.choose)}</label>
          <select id={id} className="input input-select" value={current} onChange={(e) => onChoose(Number(e.target.value))}>
            {published.map((r) => (
              <option key={r.number} value={r.number}>
                {t(texts.option, { n: r.number, kind: kind(r), time: formatDateTime(r.cutoff, locale) })}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {releases
        .filter((r) => r.status === "withheld")
        .map((r) => (
          <p key={r.number} className="notice notice-warning">
            {t(texts.withheld, { n: r.number, time: formatDateTime(r.createdAt, locale) })}
          </p>
        ))}
    </>
  );
}
