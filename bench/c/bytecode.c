/* calls: a small stack-machine bytecode interpreter whose dispatch calls one handler function
 * per instruction through a table of function pointers (one call_indirect per bytecode op).
 * Two programs: a loop of n iterations (acc += (i*i) ^ (i>>3)), and a recursive bytecode
 * fib(20) with bytecode CALL/RET frames. Both are checked against direct C. Returns the loop's
 * result plus fib(20). */
#include "common.h"

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, XOR, SHR, LT, DUP, JZ, JMP, CALL, RET, HALT, NOPS };

static i32 code[256];
static u32 ncode;
static i32 stack[4096];
static u32 rstack[2048]; /* return pc and frame pointer pairs */
static u32 pc, sp, fp, rsp;
static int halted;

static NOINLINE void op_push(void) { stack[sp++] = code[pc + 1]; pc += 2; }
static NOINLINE void op_load(void) { stack[sp++] = stack[fp + code[pc + 1]]; pc += 2; }
static NOINLINE void op_store(void) { stack[fp + code[pc + 1]] = stack[--sp]; pc += 2; }
static NOINLINE void op_add(void) { sp--; stack[sp - 1] = (i32)((u32)stack[sp - 1] + (u32)stack[sp]); pc++; }
static NOINLINE void op_sub(void) { sp--; stack[sp - 1] = (i32)((u32)stack[sp - 1] - (u32)stack[sp]); pc++; }
static NOINLINE void op_mul(void) { sp--; stack[sp - 1] = (i32)((u32)stack[sp - 1] * (u32)stack[sp]); pc++; }
static NOINLINE void op_xor(void) { sp--; stack[sp - 1] ^= stack[sp]; pc++; }
static NOINLINE void op_shr(void) { sp--; stack[sp - 1] = (i32)((u32)stack[sp - 1] >> (stack[sp] & 31)); pc++; }
static NOINLINE void op_lt(void) { sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; pc++; }
static NOINLINE void op_dup(void) { stack[sp] = stack[sp - 1]; sp++; pc++; }
static NOINLINE void op_jz(void) { pc = stack[--sp] == 0 ? (u32)code[pc + 1] : pc + 2; }
static NOINLINE void op_jmp(void) { pc = (u32)code[pc + 1]; }
/* CALL addr nargs: the arguments on the stack become the callee's first locals. */
static NOINLINE void op_call(void) {
    rstack[rsp++] = pc + 3;
    rstack[rsp++] = fp;
    fp = sp - (u32)code[pc + 2];
    pc = (u32)code[pc + 1];
}
static NOINLINE void op_ret(void) {
    i32 v = stack[--sp];
    sp = fp;
    fp = rstack[--rsp];
    pc = rstack[--rsp];
    stack[sp++] = v;
}
static NOINLINE void op_halt(void) { halted = 1; }

typedef void (*handler)(void);
static handler const handlers[NOPS] = {op_push, op_load, op_store, op_add, op_sub, op_mul, op_xor, op_shr,
                                       op_lt,   op_dup,  op_jz,    op_jmp, op_call, op_ret, op_halt};

static NOINLINE i32 execute(u32 entry, u32 nlocals, const i32 *locals) {
    sp = 0;
    fp = 0;
    rsp = 0;
    for (u32 i = 0; i < nlocals; i++)
        stack[sp++] = locals[i];
    pc = entry;
    halted = 0;
    while (!halted) {
        CHECK(pc < ncode && (u32)code[pc] < NOPS && sp < 4000 && rsp < 2000);
        handlers[code[pc]]();
    }
    return stack[sp - 1];
}

static void emit(i32 x) { code[ncode++] = x; }

EXPORT("run") u32 run(u32 n) {
    ncode = 0;
    /* program 1: locals 0 = k, 1 = i, 2 = acc */
    u32 loop_entry = ncode;
    emit(PUSH); emit(0); emit(STORE); emit(1);
    emit(PUSH); emit(0); emit(STORE); emit(2);
    u32 top = ncode;
    emit(LOAD); emit(1); emit(LOAD); emit(0); emit(LT); emit(JZ);
    u32 patch = ncode;
    emit(0);
    emit(LOAD); emit(1); emit(DUP); emit(MUL); emit(LOAD); emit(1); emit(PUSH); emit(3); emit(SHR); emit(XOR);
    emit(LOAD); emit(2); emit(ADD); emit(STORE); emit(2);
    emit(LOAD); emit(1); emit(PUSH); emit(1); emit(ADD); emit(STORE); emit(1);
    emit(JMP); emit((i32)top);
    code[patch] = (i32)ncode;
    emit(LOAD); emit(2); emit(HALT);

    /* program 2: fib(m) with local 0 = m */
    u32 fib = ncode;
    emit(LOAD); emit(0); emit(PUSH); emit(2); emit(LT); emit(JZ);
    u32 patch2 = ncode;
    emit(0);
    emit(LOAD); emit(0); emit(RET);
    code[patch2] = (i32)ncode;
    emit(LOAD); emit(0); emit(PUSH); emit(1); emit(SUB); emit(CALL); emit((i32)fib); emit(1);
    emit(LOAD); emit(0); emit(PUSH); emit(2); emit(SUB); emit(CALL); emit((i32)fib); emit(1);
    emit(ADD); emit(RET);
    u32 fib_main = ncode;
    emit(LOAD); emit(0); emit(CALL); emit((i32)fib); emit(1); emit(HALT);
    CHECK(ncode <= sizeof code / sizeof code[0]);

    i32 locals[3] = {(i32)n, 0, 0};
    u32 r1 = (u32)execute(loop_entry, 3, locals);
    u32 want1 = 0;
    for (u32 i = 0; i < n; i++)
        want1 += (i * i) ^ (i >> 3);
    CHECK(r1 == want1);

    i32 m = 20;
    u32 r2 = (u32)execute(fib_main, 1, &m);
    CHECK(r2 == 6765);
    return r1 + r2;
}
