// Vite (electron-vite's build and vitest) turns an import with `?raw` into the file's text.
declare module '*.wsdl?raw' {
  const text: string
  // eslint-disable-next-line no-restricted-syntax -- the module shape Vite gives `?raw` imports.
  export default text
}
