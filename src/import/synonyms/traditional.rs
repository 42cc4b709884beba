//! Traditional characters of the header words we know, as their simplified forms, so that a
//! Taiwan or Hong Kong export (`客戶編號`, `幣別`, `價稅合計`) maps like a mainland one. Only
//! characters that differ and that header synonyms use: not a general converter.

/// (traditional, simplified), sorted by the traditional character.
#[rustfmt::skip]
const TRADITIONAL: &[(char, char)] = &[
    ('來', '来'), ('係', '系'), ('價', '价'), ('別', '别'), ('務', '务'), ('區', '区'), ('員', '员'), ('單', '单'),
    ('實', '实'), ('對', '对'), ('屬', '属'), ('崗', '岗'), ('帳', '账'), ('幣', '币'), ('庫', '库'), ('後', '后'),
    ('憑', '凭'), ('應', '应'), ('戶', '户'), ('戸', '户'), ('據', '据'), ('書', '书'), ('條', '条'), ('業', '业'),
    ('標', '标'), ('機', '机'), ('爭', '争'), ('產', '产'), ('發', '发'), ('碼', '码'), ('稅', '税'), ('種', '种'),
    ('稱', '称'), ('簡', '简'), ('簽', '签'), ('級', '级'), ('結', '结'), ('線', '线'), ('編', '编'), ('聯', '联'),
    ('職', '职'), ('號', '号'), ('訂', '订'), ('計', '计'), ('記', '记'), ('評', '评'), ('話', '话'), ('證', '证'),
    ('議', '议'), ('負', '负'), ('貨', '货'), ('責', '责'), ('買', '买'), ('賬', '账'), ('購', '购'), ('過', '过'),
    ('郵', '邮'), ('釘', '钉'), ('銷', '销'), ('開', '开'), ('關', '关'), ('電', '电'), ('額', '额'), ('類', '类'),
    ('飛', '飞'), ('餘', '余'),
];

/// `c`'s simplified form when it is one of the traditional characters of known headers.
pub fn simplified(c: char) -> char {
    TRADITIONAL
        .binary_search_by_key(&c, |(t, _)| *t)
        .map_or(c, |i| TRADITIONAL[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_maps_only_what_differs() {
        assert!(TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(TRADITIONAL.iter().all(|(t, s)| t != s));
        let header: String = "客戶編號單據幣別價稅合計業務員"
            .chars()
            .map(simplified)
            .collect();
        assert_eq!(header, "客户编号单据币别价税合计业务员");
        assert_eq!(simplified('金'), '金');
    }

    #[test]
    fn every_known_header_written_in_traditional_names_the_same_field() {
        use crate::import::synonyms::{field_for_header, table::SYNONYMS};
        let traditional = |c: char| {
            TRADITIONAL
                .iter()
                .find(|(_, s)| *s == c)
                .map_or(c, |(t, _)| *t)
        };
        for &(header, field, _) in SYNONYMS {
            let written: String = header.chars().map(traditional).collect();
            assert_eq!(
                field_for_header(&written),
                Some(field),
                "{written} ({header})"
            );
        }
        // As a Digiwin (鼎新) receivables export writes them.
        assert!(field_for_header("客戶編號").is_some());
        assert!(field_for_header("幣別").is_some());
        assert!(field_for_header("業務員").is_some());
    }
}
