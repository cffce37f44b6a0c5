// opencc-js ships its character tables as plain ES modules without type declarations.
declare module "opencc-js/dict/*" {
  /** "key value [value…]|key value…": OpenCC's dictionary text. */
  const dict: string;
  export default dict;
}
