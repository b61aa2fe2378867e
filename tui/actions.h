/* actions.h - every user action, once: enum, name, help text (X-macro as
 * in tig).  keys.c binds keys to them; the help view lists them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_ACTIONS_H
#define CIMTUI_TUI_ACTIONS_H

#define ACTIONS(_) \
	_(NONE, "none", "Nothing") \
	_(UP, "move-up", "Move up") \
	_(DOWN, "move-down", "Move down") \
	_(PAGE_UP, "page-up", "Page up") \
	_(PAGE_DOWN, "page-down", "Page down") \
	_(HOME, "move-first", "First line") \
	_(END, "move-last", "Last line") \
	_(ENTER, "enter", "Open the selected item") \
	_(BACK, "back", "Back to the previous view") \
	_(CLOSE, "view-close", "Leave this view (quit from the last one)") \
	_(QUIT, "quit", "Quit cimtui") \
	_(CANCEL, "cancel", "Cancel the running operation; clear the filter") \
	_(PROMPT, "prompt", "Open the command line") \
	_(FILTER, "filter", "Filter this list as you type") \
	_(NEXT, "find-next", "Next match of the filter text") \
	_(PREV, "find-prev", "Previous match of the filter text") \
	_(ERROR, "error", "CIM_Error of the last failed operation") \
	_(LOG, "log", "Operations log") \
	_(HELP, "help", "Keys of this view") \
	_(REDRAW, "redraw", "Redraw the screen") \
	_(RELOAD, "reload", "Run this view's operation again") \
	_(TOGGLE, "toggle", "Expand or collapse the selected node") \
	_(EXPAND_ALL, "expand-all", "Expand every node") \
	_(COLLAPSE_ALL, "collapse-all", "Collapse every node") \
	_(TREE_FLAT, "tree-flat", "Switch between class tree and flat sorted list") \
	_(CLASSDEF, "class-def", "Definition of the class") \
	_(ASSOC, "associators", "Associators of this instance") \
	_(REFS, "references", "References of this instance") \
	_(SORT, "sort", "Sort by the leftmost visible column (again: reverse)") \
	_(SCROLL_LEFT, "scroll-left", "Scroll columns left") \
	_(SCROLL_RIGHT, "scroll-right", "Scroll columns right")

enum action {
#define ACTION_ENUM(e, n, h) ACT_##e,
	ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

#endif
