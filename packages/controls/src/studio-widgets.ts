// Studio widgets that hand a flow's conversation to a product outside the guide's HIPAA
// eligible list (TW-RT-STUDIO: "never combined with non-eligible products"). One list for the
// scanner (flow definitions read from the API) and the guard (definitions sent to create or
// update a flow), as channels.ts is for channels. The `type` values are those Studio writes in
// a flow definition's `states[].type`.
export interface NonEligibleWidget {
  /** What the widget connects to, for the finding's evidence. */
  product: string;
}

export const NON_ELIGIBLE_STUDIO_WIDGETS: Readonly<Record<string, NonEligibleWidget>> = Object.freeze({
  // Autopilot is retired and was never HIPAA eligible (guide: Voice, SMS and Chat sections).
  'send-to-auto-pilot': { product: 'Autopilot' },
  // Dialogflow CX through Twilio's Virtual Agent connector: Google's bot, not on the list.
  'connect-virtual-agent': { product: 'a Dialogflow CX virtual agent' },
});

/** The non-eligible widgets of a flow definition (an object or its JSON text): state name and product. */
export function nonEligibleStudioWidgets(definition: unknown): { state: string; type: string; product: string }[] {
  let parsed = definition;
  if (typeof definition === 'string') {
    try {
      parsed = JSON.parse(definition);
    } catch {
      return [];
    }
  }
  const states = (parsed as { states?: unknown } | null)?.states;
  if (!Array.isArray(states)) return [];
  return states.flatMap((s: { name?: unknown; type?: unknown }) => {
    const type = typeof s?.type === 'string' ? s.type.toLowerCase() : '';
    const widget = Object.hasOwn(NON_ELIGIBLE_STUDIO_WIDGETS, type) ? NON_ELIGIBLE_STUDIO_WIDGETS[type] : undefined;
    return widget ? [{ state: String(s.name ?? '?'), type, product: widget.product }] : [];
  });
}
