// libdistomp-no-debuginfod.so: a library with libdebuginfod's soname and
// none of its functions, loaded before libdw into the runtime's isolated
// namespace (isolated_libraries.cpp). libdwfl opens libdebuginfod by soname
// when an executable has no debug information and looks up its functions;
// finding this one, and none of them, it goes on without fetching anything.
// Nothing is defined here on purpose.
