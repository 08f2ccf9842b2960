/** A method's mark as simple-icons draws it: one path on a 24 × 24 grid, and the brand's colour. */
export interface Mark {
  /** The brand as simple-icons names it (for the docs; the option's name comes from the catalog). */
  title: string;
  /** The brand's colour, `#rrggbb`: the tile's background. */
  hex: string;
  /** SVG path data on a 24 × 24 view box. */
  path: string;
}
