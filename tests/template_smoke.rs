#[test]
fn gk2021_parses_and_has_cells() {
    let t = nianbao::template::get("gk2021").expect("gk2021");
    let cells = t.cells();
    // t2: 6 + 1 + 2 + 1, t3: 25 rows x 7, t4: 15, t6 (信息处理费): 3
    assert_eq!(cells.len(), 10 + 25 * 7 + 15 + 3);
    let c = t
        .cell(&"t3.deny_secret.commercial".parse().unwrap())
        .unwrap();
    assert_eq!(
        c.row_path_joined(),
        "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密"
    );
    assert_eq!(c.col_path_joined(), "法人或其他组织 / 商业企业");
}
