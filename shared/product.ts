/**
 * The product's name, defined once. Code imports it; the files that cannot import (package.json,
 * electron-builder.yml, renderer/index.html's %PRODUCT_NAME%, the .mjs start scripts reading
 * package.json) are tied to it by test/unit/product-name.test.ts.
 */
export const PRODUCT_NAME = '县域卫生绩效考核工作站';
