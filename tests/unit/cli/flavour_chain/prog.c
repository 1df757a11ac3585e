int chain_mpi_version(void);
int main(void) { return chain_mpi_version() > 0 ? 0 : 1; }
