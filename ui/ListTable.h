#pragma once

class QTableView;

// The look the pages' lists share (records, statistics): whole rows selected, alternating rows, no grid,
// no row numbers, rows one line high.
namespace ListTable {

void applyLook(QTableView *table);

} // namespace ListTable
