// The DOM's node type numbers, named once here. The content script tests
// them in its hottest loops, where a module constant is a local read and
// minifies to one letter; the global Node's constants are a lookup each time
// and stay their full length in the bundle.
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;
export const DOCUMENT_NODE = 9;
export const DOCUMENT_FRAGMENT_NODE = 11;
// NodeFilter's flags, for the same reason.
export const SHOW_ELEMENT = 1;
export const SHOW_ELEMENT_AND_TEXT = 5;
