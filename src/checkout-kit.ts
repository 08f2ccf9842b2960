// The drop-in: one <script type="module"> defines every element. Safe to load twice.
import './define/checkout.js';

export * from './index.js';
