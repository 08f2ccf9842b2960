import { css } from 'lit';

/** The launcher only: the panel's styles load with the panel. */
export const launcherStyles = css`
  :host {
    --_z: var(--ck-support-z-index, 1000);
    --_size: var(--ck-support-launcher-size, 3.5rem);
    --_offset-x: 20px;
    --_offset-y: 20px;
    position: fixed;
    z-index: var(--_z);
    inset-block-end: calc(var(--_offset-y) + env(safe-area-inset-bottom, 0px));
    inset-inline-end: calc(var(--_offset-x) + env(safe-area-inset-right, 0px));
  }
  :host([corner='bottom-start']) {
    inset-inline-end: auto;
    inset-inline-start: calc(var(--_offset-x) + env(safe-area-inset-left, 0px));
  }
  :host([corner='top-end']),
  :host([corner='top-start']) {
    inset-block-end: auto;
    inset-block-start: calc(var(--_offset-y) + env(safe-area-inset-top, 0px));
  }
  :host([corner='top-start']) {
    inset-inline-end: auto;
    inset-inline-start: calc(var(--_offset-x) + env(safe-area-inset-left, 0px));
  }
  /* Once placed by floating-ui, the computed left/top win over the corner defaults. */
  :host([data-placed]) {
    inset: var(--_top) auto auto var(--_left);
  }
  .launcher {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: var(--_size);
    block-size: var(--_size);
    border: 0;
    border-radius: 50%;
    background: var(--_primary);
    color: var(--_on-primary);
    box-shadow: 0 4px 14px rgb(0 0 0 / 25%);
    cursor: pointer;
  }
  .launcher:focus-visible {
    outline: none;
    box-shadow: var(--_focus), 0 4px 14px rgb(0 0 0 / 25%);
  }
  svg {
    inline-size: 55%;
    block-size: 55%;
  }
  .badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-inline-size: 1.4rem;
    padding: 0 0.3rem;
    border-radius: 1rem;
    background: var(--_danger);
    color: #fff;
    font-size: 0.8rem;
    line-height: 1.4rem;
    font-weight: 600;
  }
`;
