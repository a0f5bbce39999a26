// The apply_patch format as a Lark grammar: the API constrains the freeform
// tool's output with it, so it must describe exactly what parser.ts accepts.
export const APPLY_PATCH_LARK_GRAMMAR = `start: begin_patch hunk+ end_patch
begin_patch: "*** Begin Patch" LF
end_patch: "*** End Patch" LF?

hunk: add_hunk | delete_hunk | update_hunk
add_hunk: "*** Add File: " filename LF add_line+
delete_hunk: "*** Delete File: " filename LF
update_hunk: "*** Update File: " filename LF change_move? change?

filename: /(.+)/
add_line: "+" /(.*)/ LF -> line

change_move: "*** Move to: " filename LF
change: (change_context | change_line)+ eof_line?
change_context: ("@@" | "@@ " /(.+)/) LF
change_line: ("+" | "-" | " ") /(.*)/ LF
eof_line: "*** End of File" LF

%import common.LF
`;

/** How to write a patch, for models that get apply_patch as a JSON function or through shell. */
export const APPLY_PATCH_INSTRUCTIONS = `Edit files by sending a patch in this format (not a unified diff):

*** Begin Patch
[one or more file sections]
*** End Patch

Each file section starts with one of these headers:
*** Add File: <path>      every following line starts with "+" and becomes a line of the new file
*** Delete File: <path>   nothing follows
*** Update File: <path>   optionally followed by "*** Move to: <new path>", then one or more change blocks

A change block starts with "@@", optionally followed by a line that exists in the file just above the
change (for example "@@ def handler(request):" or "@@ class Store") to say where the change is. Then list
the lines: " " (space) for unchanged context, "-" for a line to remove, "+" for a line to add. Show about
three lines of context above and below each change, and use a further "@@ <line>" anchor when the
context alone is not unique. If the change is at the very end of the file, close the block with
"*** End of File".

Paths are relative to the working directory (absolute paths also work); never start them with "~".
The result reports each file as A (added), M (modified or moved) or D (deleted), or says why the patch
did not apply, in which case no file was changed.

Example:
*** Begin Patch
*** Add File: notes/todo.md
+- write tests
*** Update File: src/app.py
@@ def main():
     config = load()
-    run(config)
+    run(config, verbose=True)
*** Delete File: src/old.py
*** End Patch`;
