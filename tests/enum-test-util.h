/* enum-test-util.h — checks an enum's names (the nicks glib-mkenums
 * generates) against the documented ones. */
#pragma once

#include "rex-model-types.h"

/* @names: the nicks of the values 0, 1, … separated by spaces; the value
 * that only counts the others ("last") must have none. */
static inline void
assert_enum_names (GType       type,
                   const char *names)
{
  g_auto(GStrv) nicks = g_strsplit (names, " ", -1);
  int value;

  for (int k = 0; nicks[k] != NULL; k++)
    {
      g_assert_cmpstr (rex_enum_to_nick (type, k), ==, nicks[k]);
      g_assert_true (rex_enum_from_nick (type, nicks[k], &value));
      g_assert_cmpint (value, ==, k);
    }
  g_assert_false (rex_enum_from_nick (type, "last", &value));
  g_assert_false (rex_enum_from_nick (type, "", &value));
}
