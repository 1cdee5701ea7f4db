"""Fold the column descriptions of a table page into a "What the columns mean" box.

Datasette 0.65 prints every column description above the rows; with the
34 columns of ``courses`` that pushes the listings below the fold. This keeps
them one click away instead (a <details> element) and shows each description
as the tooltip of its column heading, without copying Datasette's templates.
"""

from datasette import hookimpl

FOLD_SCRIPT = """
document.querySelectorAll("dl.column-descriptions").forEach(function (list) {
  var box = document.createElement("details");
  box.className = "column-notes";
  var label = document.createElement("summary");
  label.textContent = "What the columns mean";
  list.replaceWith(box);
  box.append(label, list);
});
document.querySelectorAll("th[data-column-description]").forEach(function (th) {
  th.title = th.getAttribute("data-column-description");
});
"""


@hookimpl
def extra_body_script(view_name):
    """Add the folding script to table and view pages only."""
    if view_name == "table":
        return FOLD_SCRIPT
    return None
