#ifndef VERIFYKIT_CLIBSODIUM_SHIM_H
#define VERIFYKIT_CLIBSODIUM_SHIM_H
#include <sodium.h>
#endif
