"""The broker's workbench around the queue: unread marks, bulk actions, saved views,
"My day", the coordinator's overview and the export of the current view.
Reads in `selectors`, writes in `services`, the XLSX in `export`."""
