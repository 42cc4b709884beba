//! Scale: 100 000 open invoices against the default rules (counted, not timed).

use super::*;

#[test]
fn one_hundred_thousand_open_invoices() {
    const N: usize = 100_000;
    let mut w = World::new();
    w.pool.customers = (0..1_000)
        .map(|c| {
            let sales = if c % 2 == 0 { "张三" } else { "李四" };
            customer(&format!("C{c:04}"), &format!("客户{c}"), Some("B"), sales)
        })
        .collect();
    // Days overdue cycle through -5..=44; every 97th invoice is disputed.
    let days = |i: usize| (i % 50) as i64 - 5;
    w.pool.invoices = (0..N)
        .map(|i| {
            let mut inv = invoice(
                &format!("INV-{i:06}"),
                &format!("C{:04}", i % 1_000),
                days_ago(days(i)),
                cny(1_000 + i as i64),
            );
            inv.disputed = i % 97 == 0;
            inv
        })
        .collect();
    let mut expected = [0usize; 4];
    for i in (0..N).filter(|i| i % 97 != 0) {
        match days(i) {
            1..=7 => expected[0] += 1,
            8..=15 => expected[1] += 1,
            16..=30 => expected[2] += 1,
            d if d >= 31 => expected[3] += 1,
            _ => {}
        }
    }
    let out = w.run(today());
    let mut counts = [0usize; 4];
    for r in &out {
        assert_eq!(r.invoices.len(), 1);
        counts[r.rule] += 1;
    }
    assert_eq!(counts, expected);
    assert_eq!(out.len(), expected.iter().sum::<usize>());
    assert!(out.windows(2).all(|p| {
        (p[0].rule, &p[0].customer, &p[0].invoices[0])
            < (p[1].rule, &p[1].customer, &p[1].invoices[0])
    }));
    // The preview counts disabled rules too (what they would fire for).
    let preview = w.preview(today());
    assert_eq!(preview.len(), w.rules.len());
    let firing: Vec<usize> = preview[..4].iter().map(|p| p.1).collect();
    assert_eq!(firing, expected);
    let before_due = (0..N)
        .filter(|&i| i % 97 != 0 && (-3..=-1).contains(&days(i)))
        .count();
    assert_eq!(preview[4], (4, before_due));
}
