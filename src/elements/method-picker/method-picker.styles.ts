import { css } from 'lit';

/**
 * Styles of <ck-method-picker>. Public knobs are `--ck-method-picker-*`
 * (documented on the element) resolved into private `--_*` locals. Only
 * logical properties (inline/block) are used so right-to-left needs no
 * special case.
 */
export const methodPickerStyles = css`
  :host {
    display: block;
    --_gap: var(--ck-method-picker-gap, var(--_space-s));
    --_option-padding: var(--ck-method-picker-option-padding, var(--_space) calc(var(--_space) * 4 / 3));
    --_option-radius: var(--ck-method-picker-option-radius, var(--_radius));
    --_option-border: var(--ck-method-picker-option-border, var(--_border));
    --_option-background: var(--ck-method-picker-option-background, var(--_surface));
    --_selected-border: var(--ck-method-picker-selected-border, var(--_primary));
    --_selected-background: var(--ck-method-picker-selected-background, color-mix(in srgb, var(--_primary) 6%, var(--_surface)));
    --_heading: var(--ck-method-picker-heading-color, var(--_muted));
  }
  [hidden] {
    display: none !important;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .list,
  .more,
  .group-list {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  /* Holds the space of about three options while the country's order loads, so the page does not jump. */
  .list.loading {
    min-block-size: 10rem;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  legend {
    padding: 0;
    margin-block-end: var(--_gap);
    font-weight: var(--_weight-bold);
  }
  .group > legend {
    margin-block: calc(var(--_gap) * 1.5) var(--_gap);
    font-size: 0.8125em;
    font-weight: var(--_weight-bold);
    color: var(--_heading);
  }
  .option {
    display: flex;
    /* Narrow screens: accepted-card badges drop below the name rather than squeezing it. */
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    padding: var(--_option-padding);
    border: 1px solid var(--_option-border);
    border-radius: var(--_option-radius);
    background: var(--_option-background);
    cursor: pointer;
    transition: border-color 120ms ease, box-shadow 120ms ease, background-color 120ms ease;
  }
  .option:hover {
    border-color: color-mix(in srgb, var(--_selected-border) 55%, var(--_option-border));
  }
  .option:has(input:checked) {
    border-color: var(--_selected-border);
    background: var(--_selected-background);
    box-shadow: inset 0 0 0 1px var(--_selected-border);
  }
  /* The radio itself shows no ring: its whole option does (the shared ring skips radios). */
  .option:has(input:focus-visible) {
    box-shadow: inset 0 0 0 1px var(--_selected-border), var(--_focus);
    outline: 2px solid transparent;
  }
  input[type='radio']:focus-visible {
    outline: none;
  }
  fieldset:disabled .option {
    cursor: not-allowed;
    opacity: 0.6;
  }
  input[type='radio'] {
    flex: none;
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0;
    accent-color: var(--_primary);
  }
  .icon {
    flex: none;
    display: inline-flex;
    inline-size: 2.5rem;
    block-size: 1.625rem;
    align-items: center;
    justify-content: center;
  }
  .icon img,
  .badge {
    inline-size: 2.5rem;
    block-size: 1.625rem;
    border-radius: 4px;
    object-fit: contain;
  }
  .type-tile {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: 2.5rem;
    block-size: 1.625rem;
    border: 1px solid var(--_border);
    border-radius: 4px;
    background: var(--_surface-alt);
    color: var(--_text);
  }
  .type-icon {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }
  .text {
    flex: 1 1 8rem;
    min-inline-size: 0;
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
  }
  .name {
    font-weight: var(--_weight-medium);
    overflow-wrap: anywhere;
  }
  .note {
    font-size: 0.8125em;
    color: var(--_muted);
  }
  .note.slow {
    color: var(--_warning);
  }
  .brands {
    flex: 0 1 auto;
    margin-inline-start: auto;
    display: inline-flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.25rem;
  }
  .badge.small {
    inline-size: 1.75rem;
    block-size: 1.125rem;
  }
  /* A disclosure, not a link: the shared link-button look without the underline. */
  .more-button {
    align-self: flex-start;
    margin-block-start: var(--_space-xs);
    text-decoration: none;
  }
  .chevron {
    inline-size: 1rem;
    block-size: 1rem;
    transition: transform 150ms ease;
  }
  .more-button[aria-expanded='true'] .chevron {
    transform: rotate(180deg);
  }
  .search {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .search label {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .search input {
    inline-size: 100%;
    padding: 0.625rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_option-radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  .search input:focus-visible {
    border-color: var(--_primary);
  }
  .no-match {
    margin: 0;
    padding: 0.75rem 0;
    color: var(--_muted);
  }
  @media (forced-colors: active) {
    .option:has(input:checked) {
      border-width: 3px;
    }
    .option:has(input:focus-visible) {
      outline: 2px solid Highlight;
      outline-offset: 2px;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .option,
    .chevron {
      transition: none;
    }
  }
`;
