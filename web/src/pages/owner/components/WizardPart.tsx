import type { ReactNode } from "react";

/** A numbered part of a wizard form: a section named by its heading, the number for the eye only. */
export function WizardPart({ id, n, title, children }: { id: string; n: number; title: ReactNode; children: ReactNode }) {
  return (
    <section className="wizard-part" aria-labelledby={id}>
      <h2 id={id}>
        <span className="part-no" aria-hidden="true">
          {n}
        </span>{" "}
        {title}
      </h2>
      {children}
    </section>
  );
}
