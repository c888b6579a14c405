/* test-field-props.c — read-only properties that show an item's fields
 * (rex-field-props.c): each property reads its own field, of its own class,
 * is read-only, and clearing frees what the fields own. */
#include "config.h"

#include <gtk/gtk.h>

#include "rex-field-props.h"

/* A boxed type that counts its copies and frees. */
GType counted_get_type (void);

typedef struct
{
  int value;
} Counted;

static int counted_copies, counted_frees;

static Counted *
counted_copy (Counted *self)
{
  counted_copies++;
  return g_memdup2 (self, sizeof *self);
}

static void
counted_free (Counted *self)
{
  counted_frees++;
  g_free (self);
}

G_DEFINE_BOXED_TYPE (Counted, counted, counted_copy, counted_free)

/* Two record classes with their fields in different places. */
#define TEST_TYPE_RECORD (test_record_get_type ())
G_DECLARE_FINAL_TYPE (TestRecord, test_record, TEST, RECORD, GObject)

struct _TestRecord
{
  GObject   parent_instance;
  char     *unlisted;   /* not a property: left alone by the helper */
  char     *title;
  gboolean  done;
  Counted  *count;
  char     *note;
};

G_DEFINE_FINAL_TYPE (TestRecord, test_record, G_TYPE_OBJECT)

static void
test_record_finalize (GObject *object)
{
  rex_field_props_clear (object);
  g_free (TEST_RECORD (object)->unlisted);
  G_OBJECT_CLASS (test_record_parent_class)->finalize (object);
}

static void
test_record_class_init (TestRecordClass *klass)
{
  const RexFieldProp props[] = {
    { "title", G_TYPE_STRING, G_STRUCT_OFFSET (TestRecord, title) },
    { "done", G_TYPE_BOOLEAN, G_STRUCT_OFFSET (TestRecord, done) },
    { "count", counted_get_type (), G_STRUCT_OFFSET (TestRecord, count) },
    { "note", G_TYPE_STRING, G_STRUCT_OFFSET (TestRecord, note) },
  };

  G_OBJECT_CLASS (klass)->finalize = test_record_finalize;
  rex_field_props_install (G_OBJECT_CLASS (klass), props, G_N_ELEMENTS (props));
}

static void
test_record_init (TestRecord *self)
{
}

#define TEST_TYPE_OTHER (test_other_get_type ())
G_DECLARE_FINAL_TYPE (TestOther, test_other, TEST, OTHER, GObject)

struct _TestOther
{
  GObject   parent_instance;
  gboolean  flag;
  char     *title;
};

G_DEFINE_FINAL_TYPE (TestOther, test_other, G_TYPE_OBJECT)

static void
test_other_finalize (GObject *object)
{
  rex_field_props_clear (object);
  G_OBJECT_CLASS (test_other_parent_class)->finalize (object);
}

static void
test_other_class_init (TestOtherClass *klass)
{
  const RexFieldProp props[] = {
    { "title", G_TYPE_STRING, G_STRUCT_OFFSET (TestOther, title) },
    { "flag", G_TYPE_BOOLEAN, G_STRUCT_OFFSET (TestOther, flag) },
  };

  G_OBJECT_CLASS (klass)->finalize = test_other_finalize;
  rex_field_props_install (G_OBJECT_CLASS (klass), props, G_N_ELEMENTS (props));
}

static void
test_other_init (TestOther *self)
{
}

static void
test_properties_read_fields (void)
{
  TestRecord *record = g_object_new (TEST_TYPE_RECORD, NULL);
  TestOther *other = g_object_new (TEST_TYPE_OTHER, NULL);
  Counted start = { 42 };
  g_autofree char *title = NULL, *note = NULL, *other_title = NULL;
  gboolean done = FALSE, flag = TRUE;
  Counted *count = NULL;

  record->title = g_strdup ("Guangdong");
  record->done = TRUE;
  record->count = counted_copy (&start);
  other->title = g_strdup ("广东省");
  other->flag = FALSE;

  g_object_get (record, "title", &title, "done", &done, "count", &count, "note", &note, NULL);
  g_assert_cmpstr (title, ==, "Guangdong");
  g_assert_true (done);
  g_assert_nonnull (count);
  g_assert_true (count != record->count);
  g_assert_cmpint (count->value, ==, 42);
  g_assert_null (note);
  counted_free (count);

  g_object_get (other, "title", &other_title, "flag", &flag, NULL);
  g_assert_cmpstr (other_title, ==, "广东省");
  g_assert_false (flag);

  g_assert_finalize_object (record);
  g_assert_finalize_object (other);
}

static void
test_properties_are_read_only (void)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (TEST_TYPE_RECORD);
  const char *names[] = { "title", "done", "count", "note" };
  const GType types[] = { G_TYPE_STRING, G_TYPE_BOOLEAN, counted_get_type (), G_TYPE_STRING };
  guint n;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), names[i]);

      g_assert_nonnull (pspec);
      g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == types[i]);
      g_assert_cmpint (pspec->flags & G_PARAM_READWRITE, ==, G_PARAM_READABLE);
      g_assert_true (pspec->owner_type == TEST_TYPE_RECORD);
    }
}

static void
test_clear_frees_fields (void)
{
  TestRecord *record = g_object_new (TEST_TYPE_RECORD, NULL);
  Counted start = { 7 };
  int frees = counted_frees;

  record->title = g_strdup ("Hubei");
  record->note = g_strdup ("estimate");
  record->unlisted = g_strdup ("kept");
  record->done = TRUE;
  record->count = counted_copy (&start);

  rex_field_props_clear (G_OBJECT (record));
  g_assert_null (record->title);
  g_assert_null (record->note);
  g_assert_null (record->count);
  g_assert_cmpint (counted_frees, ==, frees + 1);
  /* What is not a property is the class's own to free. */
  g_assert_cmpstr (record->unlisted, ==, "kept");
  g_assert_true (record->done);

  /* Finalize clears again: nothing is freed twice. */
  g_assert_finalize_object (record);
  g_assert_cmpint (counted_frees, ==, frees + 1);
}

/* As a row template reads them: a property expression, watched. */
static void
test_expression_lookup (void)
{
  TestRecord *record = g_object_new (TEST_TYPE_RECORD, NULL);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (TEST_TYPE_RECORD, NULL, "title");
  g_auto(GValue) value = G_VALUE_INIT;

  record->title = g_strdup ("Hainan");
  g_assert_true (gtk_expression_evaluate (expression, record, &value));
  g_assert_cmpstr (g_value_get_string (&value), ==, "Hainan");
  g_assert_finalize_object (record);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/field-props/read-fields", test_properties_read_fields);
  g_test_add_func ("/field-props/read-only", test_properties_are_read_only);
  g_test_add_func ("/field-props/clear", test_clear_frees_fields);
  g_test_add_func ("/field-props/expression", test_expression_lookup);
  return g_test_run ();
}
