interface ImportMetaEnv {
  readonly VITE_INTILERY_API_URL?: string
  readonly VITE_INTILERY_WRITE_KEY?: string
}
