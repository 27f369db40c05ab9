/* text_limits.h — how long a typed text may be, in characters (code points), never bytes: the same on the screens,
 * the command line and imports (fenxiao(1) LIMITS). A longer text is refused, never cut. */
#ifndef FX_TEXT_LIMITS_H
#define FX_TEXT_LIMITS_H

/* Bytes a buffer needs to hold n characters of any script (4 bytes the most) and the NUL. */
#define FX_TEXT_BYTES(n) ((n) * 4 + 1)

#define FX_TITLE_CHARS 100  /* a session's or a course's title */
#define FX_NOTE_CHARS 500   /* a session's note */
#define FX_PERSON_CHARS 25  /* a member's, a teacher's, a secretary's or a guide's name; a recorder */
#define FX_PLACE_CHARS 50   /* a branch's, a venue's or a unit's name; a teacher's work unit; a course's module */
#define FX_WORD_CHARS 15    /* a category, a format, a kind (words of the vocabulary) */
#define FX_REASON_CHARS 30  /* an absence's reason */
#define FX_PHONE_CHARS 20   /* a telephone number, with its separators */
#define FX_LINE_CHARS 80    /* one line of words: a member's, an order's or a mark's note, a teacher's topics,
                             * a venue's theme or address */
#define FX_DESC_CHARS 200   /* a course's description */
#define FX_PATH_CHARS 250   /* a file's path typed on a screen */
#define FX_WHY_CHARS 100    /* why a session was voided or restored, an order cancelled, a member left */

#endif
