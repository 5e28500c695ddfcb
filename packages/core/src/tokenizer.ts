// Token estimation lives behind its own entry point so importing @stratum/core stays light.
export {};
