/* text_limits.h — how long a typed text may be, in characters (code points), never bytes: the same on the screens,
 * the command line and imports (fenxiao(1) LIMITS). A longer text is refused, never cut. */
#ifndef FX_TEXT_LIMITS_H
#define FX_TEXT_LIMITS_H

/* Bytes a buffer needs to hold n characters of any script (4 bytes the most) and the NUL. */
#define FX_TEXT_BYTES(n) ((n) * 4 + 1)

#define FX_TITLE_CHARS 100  /* a session's title */
#define FX_NOTE_CHARS 500   /* a session's note, a mark's note */
#define FX_PERSON_CHARS 25  /* a member's or a teacher's name */
#define FX_PLACE_CHARS 50   /* a branch's or a venue's name, a unit's name */
#define FX_WORD_CHARS 15    /* a category, a format, a kind (words of the vocabulary) */
#define FX_REASON_CHARS 30  /* an absence's reason */

#endif
