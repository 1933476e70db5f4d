/* SPDX-License-Identifier: MIT */
/* Internal: array loops the compiler vectorises for the processor at hand.
 *
 *   IV_VEC_BEGIN
 *   static IV_VEC_INLINE double f(double x) { ... }   branch-free
 *   IV_VEC_CLONES static void f_array(...) { for (...) y[i] = f(x[i]); }
 *   IV_VEC_END
 *
 * With GCC on x86-64 Linux the loop is built once per instruction set
 * (AVX-512, AVX2, SSE2) and one copy is picked when the program loads.
 * Trapping math off lets the compiler compute both sides of a select;
 * contraction off keeps every multiply-add unfused, so that each copy does
 * the same IEEE operations and gives the same bits on every machine.
 * A loop that calls fma() is built with IV_VEC_FUSED_CLONES and called
 * only where IV_VEC_HAS_FMA(): fused where that gives the bits of the
 * separate operations (act.c says where).
 * Elsewhere the loops are plain C with the same results. */
#ifndef IV_ENGINE_VEC_H
#define IV_ENGINE_VEC_H

/* _Pragma takes one string literal: the formatter must not split it */
/* clang-format off */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) &&       \
	defined(__linux__)
#define IV_VEC_BEGIN                                                           \
	_Pragma("GCC push_options") _Pragma(                                   \
		"GCC optimize(\"tree-vectorize\", \"no-trapping-math\", \"fp-contract=off\")")
#define IV_VEC_END _Pragma("GCC pop_options")
#define IV_VEC_CLONES                                                          \
	__attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#define IV_VEC_INLINE __attribute__((always_inline)) inline
/* for loops that use fma(): called only when IV_VEC_HAS_FMA() */
#define IV_VEC_FUSED_CLONES                                                    \
	__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3",       \
				     "default")))
#define IV_VEC_HAS_FMA() __builtin_cpu_supports("fma")
#else
#define IV_VEC_BEGIN
#define IV_VEC_END
#define IV_VEC_CLONES
#define IV_VEC_INLINE inline
#define IV_VEC_FUSED_CLONES
#define IV_VEC_HAS_FMA() 0
#endif

/* clang-format on */

#endif
