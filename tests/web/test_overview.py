"""The overview's rows: months filled in between the first and the last, so a gap shows; later periods are ahead."""

from laoreport.web.overview import bar_scale, period_rows


def counts(reports, done=0, planned=0):
    return {"reports": reports, "done": done, "planned": planned}


def test_a_month_without_a_report_is_a_row_of_its_own():
    rows = period_rows({"2019-10": counts(1, 4, 3), "2020-01": counts(1, 5), "2019-11": counts(1, 3, 3),
                        "2019-12": counts(0, 0, 4), "2020-02": counts(0, 0, 2)})
    assert [(r.period, r.missing, r.ahead) for r in rows] == [
        ("2019-10", False, False), ("2019-11", False, False), ("2019-12", True, False),
        ("2020-01", False, False), ("2020-02", False, True)]


def test_a_month_nobody_mentions_is_filled_in_with_zeros():
    rows = period_rows({"2019-01": counts(1), "2019-04": counts(1)})
    assert [r.period for r in rows] == ["2019-01", "2019-02", "2019-03", "2019-04"]
    assert [(r.reports, r.done, r.planned, r.missing) for r in rows[1:3]] == [(0, 0, 0, True)] * 2


def test_quarters_and_years_keep_their_place_in_time():
    rows = period_rows({"2019": counts(1, 8), "2019-Q3": counts(1, 6), "2019-09": counts(1), "2019-10": counts(1),
                        "2020": counts(0, 0, 3)})
    assert [r.period for r in rows] == ["2019-09", "2019-Q3", "2019-10", "2019", "2020"]
    assert rows[-1].ahead and not rows[-1].missing


def test_a_period_that_ends_after_the_last_report_is_ahead_not_missing():
    rows = {r.period: r for r in period_rows({"2019-11": counts(1), "2020-02": counts(1, 4, 3), "2019-Q4": counts(0, 0, 3),
                                              "2020": counts(0, 0, 3), "2020-Q1": counts(0, 0, 1)})}
    assert rows["2019-Q4"].missing and rows["2019-12"].missing  # over before February 2020: a report was due
    assert rows["2020"].ahead and rows["2020-Q1"].ahead  # still running in February 2020
    assert not rows["2020-02"].missing and not rows["2020-02"].ahead


def test_an_archive_of_yearly_reports_only_has_no_filled_months():
    assert [r.period for r in period_rows({"2018": counts(1), "2020": counts(1)})] == ["2018", "2020"]
    assert period_rows({}) == []


def test_bar_scale():
    rows = period_rows({"2019-01": counts(2, 19, 4), "2019-02": counts(1, 3, 20)})
    assert bar_scale(rows, "reports") == 2 and bar_scale(rows, "done", "planned") == 20
    assert bar_scale([], "reports") == 1
