/* test-json.c — the strict JSON parser of the model layer: positions,
 * limits, and every way an input can be refused. */
#include "config.h"

#include <string.h>

#include "rex-json.h"

static RexJsonDocument *
parse (const char *text,
       GError    **error)
{
  return rex_json_parse (text, strlen (text), "t.json", NULL, error);
}

static void
assert_refused_len (const char *text,
                    gsize       length,
                    int         code,
                    const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexJsonDocument) doc = NULL;
  RexDatasetProblem *problem = NULL;

  doc = rex_json_parse (text, length, "t.json", &problem, &error);
  g_assert_null (doc);
  g_assert_error (error, REX_DATASET_ERROR, code);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_nonnull (problem);
  g_assert_cmpstr (problem->file, ==, "t.json");
  g_assert_cmpint (problem->line, >, 0);
  rex_dataset_problem_free (problem);
}

static void
assert_refused (const char *text,
                int         code,
                const char *expected)
{
  assert_refused_len (text, strlen (text), code, expected);
}

static void
assert_position (RexJsonDocument *doc,
                 JsonNode        *node,
                 int              line,
                 int              column)
{
  int l = -1, c = -1;

  g_assert_true (rex_json_document_get_position (doc, node, &l, &c));
  g_assert_cmpint (l, ==, line);
  g_assert_cmpint (c, ==, column);
}

static void
test_json_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexJsonDocument) doc = NULL;
  JsonObject *object;
  JsonArray *array;

  doc = parse ("{\"s\": \"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\u4e2d\\ud83d\\ude00\","
               " \"i\": -42, \"d\": 1.5e2, \"z\": -0, \"big\": 12345678901234567890,"
               " \"t\": true, \"f\": false, \"n\": null, \"a\": [1, [], {}],"
               " \"tiny\": 1e-999, \"u\": \"中文\"}", &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (rex_json_document_get_root (doc)));
  object = json_node_get_object (rex_json_document_get_root (doc));

  g_assert_cmpstr (json_object_get_string_member (object, "s"), ==,
                   "a\"b\\c/\b\f\n\r\té中\xF0\x9F\x98\x80");
  g_assert_cmpint (json_object_get_int_member (object, "i"), ==, -42);
  g_assert_cmpfloat (json_object_get_double_member (object, "d"), ==, 150.0);
  g_assert_cmpfloat (json_object_get_double_member (object, "big"), ==, 12345678901234567890.0);
  g_assert_true (json_object_get_boolean_member (object, "t"));
  g_assert_false (json_object_get_boolean_member (object, "f"));
  g_assert_true (json_object_get_null_member (object, "n"));
  g_assert_cmpfloat (json_object_get_double_member (object, "tiny"), ==, 0.0);
  g_assert_cmpstr (json_object_get_string_member (object, "u"), ==, "中文");

  array = json_object_get_array_member (object, "a");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (array, 1)), ==, 0);
  g_assert_cmpuint (json_object_get_size (json_array_get_object_element (array, 2)), ==, 0);

  /* Member order is kept: the loader reports problems in file order. */
  {
    g_autoptr(GList) members = json_object_get_members (object);

    g_assert_cmpstr (members->data, ==, "s");
    g_assert_cmpstr (g_list_last (members)->data, ==, "u");
  }
}

static void
test_json_scalars_at_top (void)
{
  const char *inputs[] = { "0", " \"x\" ", "true", "null", "[]", "{}", "\xEF\xBB\xBF{}" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RexJsonDocument) doc = parse (inputs[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (rex_json_document_get_root (doc));
    }
}

static void
test_json_positions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RexJsonDocument) doc = NULL;
  JsonObject *root;
  JsonNode *name, *values, *second;
  int line, column;

  doc = parse ("{\n"
               "  \"name\": \"江苏省\", \"n\": 1,\n"
               "\t\"values\": [\r\n"
               "    \"中\", 22 ]\n"
               "}", &error);
  g_assert_no_error (error);

  assert_position (doc, rex_json_document_get_root (doc), 1, 1);
  root = json_node_get_object (rex_json_document_get_root (doc));
  name = json_object_get_member (root, "name");
  assert_position (doc, name, 2, 11);
  /* Columns count characters, not bytes: "江苏省" is 3 columns. */
  assert_position (doc, json_object_get_member (root, "n"), 2, 23);
  values = json_object_get_member (root, "values");
  assert_position (doc, values, 3, 12);
  g_assert_true (rex_json_document_get_key_position (doc, values, &line, &column));
  g_assert_cmpint (line, ==, 3);
  g_assert_cmpint (column, ==, 2);
  second = json_array_get_element (json_node_get_array (values), 1);
  assert_position (doc, second, 4, 10);
  /* Array elements have no member name: the key position is their own. */
  g_assert_true (rex_json_document_get_key_position (doc, second, &line, &column));
  g_assert_cmpint (column, ==, 10);

  {
    g_autoptr(JsonNode) foreign = json_node_new (JSON_NODE_NULL);

    g_assert_false (rex_json_document_get_position (doc, foreign, &line, &column));
  }
}

static void
test_json_depth (void)
{
  const gsize n = 1000000;
  g_autofree char *deep = g_malloc (n);
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexJsonDocument) doc = NULL;
  gint64 start;

  memset (deep, '[', n);
  start = g_get_monotonic_time ();
  assert_refused_len (deep, n, REX_DATASET_ERROR_TOO_LARGE,
                      "t.json:1:65: nesting deeper than the limit of 64 levels");
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  memset (deep, '{', n);
  assert_refused_len (deep, n, REX_DATASET_ERROR_SYNTAX,
                      "t.json:1:2: expected a member name in double quotes, found '{'");

  /* Exactly the limit, alternating objects and arrays. */
  for (guint i = 0; i < REX_DATASET_MAX_DEPTH / 2; i++)
    g_string_append (ok, "{\"a\":[");
  g_string_append (ok, "1");
  for (guint i = 0; i < REX_DATASET_MAX_DEPTH / 2; i++)
    g_string_append (ok, "]}");
  doc = parse (ok->str, &error);
  g_assert_no_error (error);
  g_clear_pointer (&doc, rex_json_document_free);

  /* One level more: refused where the 65th level opens. */
  g_string_prepend_c (ok, '[');
  g_string_append_c (ok, ']');
  assert_refused (ok->str, REX_DATASET_ERROR_TOO_LARGE,
                  "t.json:1:193: nesting deeper than the limit of 64 levels");
}

static void
test_json_encoding (void)
{
  static const char nul[] = "{\"a\": \"x\0y\"}";
  static const char nul_outside[] = "[1,\0]";

  assert_refused_len (nul, sizeof nul - 1, REX_DATASET_ERROR_SYNTAX,
                      "t.json:1:9: NUL byte in the file; a JSON text cannot contain one");
  assert_refused_len (nul_outside, sizeof nul_outside - 1, REX_DATASET_ERROR_SYNTAX,
                      "t.json:1:4: NUL byte in the file; a JSON text cannot contain one");
  assert_refused ("{\n  \"名\": \"\xC3\x28\"}", REX_DATASET_ERROR_SYNTAX,
                  "t.json:2:9: invalid UTF-8 (byte 0xC3); the file must be UTF-8 encoded");
  /* Overlong encoding of '/', and an encoded surrogate: both invalid UTF-8. */
  assert_refused ("[\"\xC0\xAF\"]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:3: invalid UTF-8 (byte 0xC0); the file must be UTF-8 encoded");
  assert_refused ("[\"\xED\xA0\x80\"]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:3: invalid UTF-8 (byte 0xED); the file must be UTF-8 encoded");
  assert_refused ("[1, 中]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:5: expected a value, found U+4E2D");
}

static void
test_json_strings (void)
{
  assert_refused ("[\"\\ud83d\"]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:3: lone high surrogate \\uD83D; it must be followed "
                  "by a low surrogate (\\uDC00–\\uDFFF)");
  assert_refused ("[\"\\ud83d\\u0041\"]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:3: lone high surrogate \\uD83D; it must be followed "
                  "by a low surrogate (\\uDC00–\\uDFFF)");
  assert_refused ("[\"ab\\uDE00\"]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:5: lone low surrogate \\uDE00; it must follow a high "
                  "surrogate (\\uD800–\\uDBFF)");
  assert_refused ("[\"\\u12G4\"]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:3: invalid \\u escape; expected four hexadecimal digits");
  assert_refused ("[\"\\u0000\"]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:3: \\u0000 (NUL) is not allowed in strings");
  assert_refused ("[\"a\\x\"]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:4: invalid escape: backslash followed by 'x'; valid escapes "
                  "are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
  assert_refused ("[\"line\nbreak\"]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:7: control character U+000A in a string; write it as \\n");
  assert_refused ("[\"中\ttab\"]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:4: control character U+0009 in a string; write it as \\t");
  assert_refused ("[\"\x01\"]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:3: control character U+0001 in a string; write it as \\u0001");
  assert_refused ("['single']", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:2: expected a value, found '''");

  {
    g_autoptr(GString) big = g_string_new ("[\"");

    for (guint i = 0; i < REX_DATASET_MAX_STRING / 8 + 1; i++)
      g_string_append (big, "abcdefgh");
    g_string_append (big, "\"]");
    assert_refused (big->str, REX_DATASET_ERROR_TOO_LARGE,
                    "t.json:1:2: string longer than the limit of 1048576 bytes");
  }

  /* Exactly at the limit is fine; one escaped character more is not. */
  {
    g_autoptr(GString) limit = g_string_new ("[\"");
    g_autoptr(GError) error = NULL;
    g_autoptr(RexJsonDocument) doc = NULL;

    for (guint i = 0; i < REX_DATASET_MAX_STRING; i++)
      g_string_append_c (limit, 'a');
    g_string_append (limit, "\"]");
    doc = parse (limit->str, &error);
    g_assert_no_error (error);

    g_string_insert (limit, 2, "\\n");
    assert_refused (limit->str, REX_DATASET_ERROR_TOO_LARGE,
                    "t.json:1:2: string longer than the limit of 1048576 bytes");
  }
}

static void
test_json_numbers (void)
{
  assert_refused ("[1e999]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:2: number 1e999 is out of range; numbers must be finite doubles");
  assert_refused ("[-1e999]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:2: number -1e999 is out of range; numbers must be finite doubles");
  assert_refused ("[NaN]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:2: NaN is not valid JSON; numbers must be finite");
  assert_refused ("{\"x\": Infinity}", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:7: Infinity is not valid JSON; numbers must be finite");
  assert_refused ("[-Infinity]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:2: -Infinity is not valid JSON; numbers must be finite");
  assert_refused ("[01]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:2: leading zeros are not allowed in numbers");
  assert_refused ("[1.]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:4: expected a digit after the decimal point");
  assert_refused ("[.5]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:2: expected a value, found '.'");
  assert_refused ("[+1]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:2: expected a value, found '+'");
  assert_refused ("[1e]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:4: expected a digit in the exponent");
  assert_refused ("[-]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:3: expected a digit after '-'");
  assert_refused ("[0x10]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:3: expected ',' or ']', found 'x'");
  assert_refused ("[tru]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:2: invalid literal 'tru'; expected a value (string, number, "
                  "object, array, true, false or null)");
  assert_refused ("[nulls]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:2: invalid literal 'nulls'; expected a value (string, number, "
                  "object, array, true, false or null)");
}

static void
test_json_structure (void)
{
  assert_refused ("{\"a\": 1, \"b\": 2, \"a\": 3}", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:18: duplicate member \"a\" in an object");
  assert_refused ("{\"a\": 1} x", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:10: unexpected 'x' after the end of the JSON document");
  assert_refused ("{}\n{}", REX_DATASET_ERROR_SYNTAX,
                  "t.json:2:1: unexpected '{' after the end of the JSON document");
  assert_refused ("{\"a\": [1, 2", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:12: unexpected end of file; expected ',' or ']'");
  assert_refused ("{\"a\": \"text", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:12: unexpected end of file inside the string that starts "
                  "at line 1, column 7");
  assert_refused ("{\"a\"", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:5: unexpected end of file; expected ':' after the member name");
  assert_refused ("{\"a\":", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:6: unexpected end of file; expected a value");
  assert_refused ("", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:1: unexpected end of file; expected a value");
  assert_refused ("  \n ", REX_DATASET_ERROR_SYNTAX,
                  "t.json:2:2: unexpected end of file; expected a value");
  assert_refused ("[1, 2,]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:7: expected a value, found ']' (trailing commas are not allowed)");
  assert_refused ("{\"a\": 1,}", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:9: expected a member name, found '}' (trailing commas are not allowed)");
  assert_refused ("{\"a\" 1}", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:6: expected ':' after the member name, found '1'");
  /* Characters named by code point: a control character, one beyond the
   * Basic Multilingual Plane. */
  assert_refused ("{}\x01", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:3: unexpected U+0001 after the end of the JSON document");
  assert_refused ("{\"a\" \xF0\x9F\x98\x80}", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:6: expected ':' after the member name, found U+1F600");
  assert_refused ("{a: 1}", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:2: expected a member name in double quotes, found 'a'");
  assert_refused ("[1 2]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:4: expected ',' or ']', found '2'");
  assert_refused ("{\"a\": 1]", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:8: expected ',' or '}', found ']'");
  assert_refused ("[1] // comment", REX_DATASET_ERROR_SYNTAX,
                  "t.json:1:5: unexpected '/' after the end of the JSON document");
}

/* A large, valid document: regions with yearly values. */
static void
test_json_large (void)
{
  g_autoptr(GString) text = g_string_sized_new (32 * 1024 * 1024);
  g_autoptr(GError) error = NULL;
  g_autoptr(RexJsonDocument) doc = NULL;
  /* About 5 MB by default; -m perf makes it about 50 MB. */
  const guint n_regions = g_test_perf () ? 20000 : 2000;
  JsonArray *regions;
  gint64 start, elapsed;

  g_string_append (text, "{\"regions\": [\n");
  for (guint i = 0; i < n_regions; i++)
    {
      g_string_append_printf (text, "  {\"id\": \"R%u\", \"name\": \"区域 %u\", \"values\": {", i, i);
      for (guint m = 0; m < 4; m++)
        {
          g_string_append_printf (text, "%s\"metric-%u\": {", m ? ", " : "", m);
          for (guint y = 1990; y < 2025; y++)
            g_string_append_printf (text, "%s\"%u\": %u.%u", y > 1990 ? ", " : "", y, i + y, m);
          g_string_append_c (text, '}');
        }
      g_string_append_printf (text, "}}%s\n", i + 1 < n_regions ? "," : "");
    }
  g_string_append (text, "]}\n");

  start = g_get_monotonic_time ();
  doc = rex_json_parse (text->str, text->len, "large.json", NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_test_message ("parsed %.1f MB in %.3f s", text->len / 1e6, elapsed / 1e6);

  regions = json_object_get_array_member (json_node_get_object (rex_json_document_get_root (doc)),
                                          "regions");
  g_assert_cmpuint (json_array_get_length (regions), ==, n_regions);
  assert_position (doc, json_array_get_element (regions, n_regions - 1), n_regions + 1, 3);
}

/* A sink that keeps what it is given as text: "NAME FIRST..LAST v v v". */
static gpointer
describe_numbers (const char   *name,
                  int           first_year,
                  int           last_year,
                  const double *values,
                  gpointer      user_data)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s %d..%d", name, first_year, last_year);
  for (int year = first_year; year <= last_year; year++)
    g_string_append_printf (text, " %g", values[year - first_year]);
  (*(guint *) user_data)++;

  return g_string_free (text, FALSE);
}

static RexJsonSeries *
parse_series (const char       *text,
              RexJsonDocument **doc,
              guint            *n_made)
{
  RexJsonValuesSink sink = { describe_numbers, g_free, n_made };
  g_autoptr(GError) error = NULL;
  JsonNode *region, *values;
  guint n_series;

  *doc = rex_json_parse_values (text, strlen (text), "t.json", &sink, NULL, &error);
  g_assert_no_error (error);
  region = json_array_get_element (json_object_get_array_member (json_node_get_object (rex_json_document_get_root (*doc)), "regions"), 0);
  values = json_object_get_member (json_node_get_object (region), "values");

  return rex_json_document_get_series (*doc, values, &n_series);
}

static void
assert_offset (RexJsonDocument *doc,
               guint32          offset,
               int              line,
               int              column)
{
  int l = -1, c = -1;

  rex_json_document_get_offset_position (doc, offset, &l, &c);
  g_assert_cmpint (l, ==, line);
  g_assert_cmpint (c, ==, column);
}

/* With a sink, every values.METRIC object becomes a series record: numbers
 * named by years go to the sink, every other member is a record with the
 * places of its name and value; arrays and deeper objects keep only their
 * type. */
static void
test_json_value_records (void)
{
  const char *text =
    "{\"regions\": [{\"id\": \"a\", \"values\": {\n"
    "  \"gdp\": {\"2020\": 1, \"2022\": 2.5, \"1700\": 9,\n"
    "          \"2021\": {\"value\": 3, \"note\": \"é\", \"x-a\": [1, {\"b\": 2}]},\n"
    "          \"undated\": \"x\", \"20x1\": null, \"2023\": [true]},\n"
    "  \"pop\": {}}}]}";
  g_autoptr(RexJsonDocument) doc = NULL;
  const RexJsonMember *object;
  RexJsonSeries *series;
  guint n_made = 0;

  series = parse_series (text, &doc, &n_made);
  g_assert_nonnull (series);
  g_assert_cmpuint (n_made, ==, 1);
  g_assert_cmpstr (series[0].name, ==, "gdp");
  g_assert_cmpstr (series[0].series, ==, "gdp 2020..2022 1 nan 2.5");
  g_assert_null (series[1].series);
  g_assert_cmpstr (series[1].name, ==, "pop");
  g_assert_cmpuint (series[1].n_values, ==, 0);

  /* The year out of range is a number kept out of the sink. */
  g_assert_cmpuint (series[0].n_numbers, ==, 1);
  g_assert_cmpint (rex_json_document_get_number_year (doc, &series[0].numbers[0]), ==, 1700);
  g_assert_cmpfloat (series[0].numbers[0].value, ==, 9);

  g_assert_cmpuint (series[0].n_values, ==, 4);
  object = &series[0].values[0];
  g_assert_cmpstr (object->name, ==, "2021");
  g_assert_cmpint (object->type, ==, REX_JSON_OBJECT);
  assert_offset (doc, object->key_offset, 3, 11);
  assert_offset (doc, object->offset, 3, 19);
  g_assert_cmpuint (object->n_members, ==, 3);
  g_assert_cmpstr (object->members[0].name, ==, "value");
  g_assert_cmpfloat (object->members[0].number, ==, 3);
  g_assert_cmpstr (object->members[1].string, ==, "é");
  assert_offset (doc, object->members[1].offset, 3, 40);
  g_assert_cmpint (object->members[2].type, ==, REX_JSON_ARRAY);
  assert_offset (doc, object->members[2].offset, 3, 52);
  g_assert_cmpstr (series[0].values[1].name, ==, "undated");
  g_assert_cmpstr (series[0].values[1].string, ==, "x");
  g_assert_cmpint (series[0].values[2].type, ==, REX_JSON_NULL);
  g_assert_cmpint (series[0].values[3].type, ==, REX_JSON_ARRAY);
  assert_offset (doc, series[0].values[3].offset, 4, 49);

  /* Where a number went to the sink, its place is found in the text. */
  {
    guint32 key_offset, value_offset;

    g_assert_true (rex_json_document_find_year (doc, &series[0], 2022, &key_offset, &value_offset));
    assert_offset (doc, key_offset, 2, 22);
    assert_offset (doc, value_offset, 2, 30);
    g_assert_false (rex_json_document_find_year (doc, &series[0], 2019, &key_offset, &value_offset));
  }
}

/* A record's members are checked as strictly as the tree's. */
static void
test_json_value_records_refused (void)
{
  static const struct { const char *values, *message; } cases[] = {
    { "{\"m\": {\"2020\": {\"value\": 1, \"value\": 2}}}",
      "t.json:1:53: duplicate member \"value\" in an object" },
    { "{\"m\": {\"undated\": 1, \"undated\": 2}}",
      "t.json:1:46: duplicate member \"undated\" in an object" },
    { "{\"m\": {\"2020\": 1, \"2020\": 2}}",
      "t.json:1:43: duplicate member \"2020\" in an object" },
    { "{\"m\": {\"2020\": {\"a\": [1, {\"b\": 1, \"b\": 2}]}}}",
      "t.json:1:59: duplicate member \"b\" in an object" },
    { "{\"m\": {\"2020\": {\"value\": 1,}}}",
      "t.json:1:52: expected a member name, found '}' (trailing commas are not allowed)" },
    { "{\"m\": {\"2020\": [[[1]]], \"2021\": nul}}",
      "t.json:1:57: invalid literal 'nul'; expected a value (string, number, object, array, true, false or null)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"regions\": [{\"values\": %s}]}", cases[i].values);
      RexJsonValuesSink sink = { describe_numbers, g_free, &(guint) { 0 } };
      g_autoptr(GError) error = NULL;
      g_autoptr(RexJsonDocument) doc = NULL;

      doc = rex_json_parse_values (text, strlen (text), "t.json", &sink, NULL, &error);
      g_assert_null (doc);
      g_assert_error (error, REX_DATASET_ERROR, REX_DATASET_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/values", test_json_values);
  g_test_add_func ("/json/scalars-at-top", test_json_scalars_at_top);
  g_test_add_func ("/json/positions", test_json_positions);
  g_test_add_func ("/json/depth", test_json_depth);
  g_test_add_func ("/json/encoding", test_json_encoding);
  g_test_add_func ("/json/strings", test_json_strings);
  g_test_add_func ("/json/numbers", test_json_numbers);
  g_test_add_func ("/json/structure", test_json_structure);
  g_test_add_func ("/json/large", test_json_large);
  g_test_add_func ("/json/value-records", test_json_value_records);
  g_test_add_func ("/json/value-records-refused", test_json_value_records_refused);

  return g_test_run ();
}
