package org.keywork.goal.plan.document;

import java.time.LocalDate;

/**
 * The heading and the printing line of a plan document. A field the document does not give is {@code null}
 * ({@code planYear} 0), with a warning.
 *
 * @param issuer         the issuing authority, e.g. 上海市静安区人民政府
 * @param documentNumber the document number, e.g. 静府发〔2021〕5号 (spaces removed)
 * @param title          the plan's title, e.g. 2021 年区政府重点工作目标安排
 * @param planYear       the plan year, read from the title (else from the document number or the date)
 * @param issuedOn       the date under the issuer's signature
 * @param printedBy      who printed it (the printing line …印发), e.g. 上海市静安区人民政府办公室
 * @param printedOn      the printing date
 * @param notice         the covering notice's title, e.g. 关于印发《2021 年区政府重点工作目标安排》的通知, or {@code null}
 */
public record PlanHeader(String issuer, String documentNumber, String title, int planYear, LocalDate issuedOn,
        String printedBy, LocalDate printedOn, String notice) {

    static PlanHeader empty() {
        return new PlanHeader(null, null, null, 0, null, null, null, null);
    }
}
