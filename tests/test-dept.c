/* test-dept.c: responsibility tags in their real forms, and the departments dictionary. */
#include "ps-private.h"
#include "tap.h"

/* Tags of 'text' joined as "A、B|lead:…|support:…" for one-line comparisons. */
static char *tags(const char *text)
{
    psi_arena *a = psi_arena_new();
    psi_depts d;
    psi_dept_tags(text, strlen(text), a, &d);
    psi_buf b = {0};
    for (size_t i = 0; i < d.n_all; i++)
        psi_buf_printf(&b, "%s%s", i ? "、" : "", d.all[i]);
    psi_buf_puts(&b, "|lead:");
    for (size_t i = 0; i < d.n_lead; i++)
        psi_buf_printf(&b, "%s%s", i ? "、" : "", d.lead[i]);
    psi_buf_puts(&b, "|support:");
    for (size_t i = 0; i < d.n_supporting; i++)
        psi_buf_printf(&b, "%s%s", i ? "、" : "", d.supporting[i]);
    psi_arena_free(a);
    return psi_buf_detach(&b);
}

static void check(const char *name, const char *text, const char *want)
{
    char *got = tags(text);
    TAP_STR_EQ(got, want, name);
    free(got);
}

static void canon(const char *name, const char *want)
{
    const char *got = ps_dept_canonical(name, strlen(name));
    TAP_OK(want ? got && strcmp(got, want) == 0 : got == NULL, "dictionary: %s -> %s (got %s)",
           name, want ? want : "(not a department)", got ? got : "(none)");
}

int main(void)
{
    check("责任部门, full-width brackets and colon",
          "支持一批储能示范项目建设。（责任部门：市经济信息化委、市交通委、市数据局）",
          "市经济信息化委、市交通委、市数据局|lead:|support:");
    check("half-width brackets and colon, 责任单位, aliases mapped",
          "加快建设。(责任单位:市发改委、市经信委、上海市财政局)",
          "市发展改革委、市经济信息化委、市财政局|lead:|support:");
    check("牵头/配合 roles in one bracket",
          "完善机制。（牵头单位：市发展改革委；配合单位：市财政局、市规划资源局）",
          "市发展改革委、市财政局、市规划资源局|lead:市发展改革委|support:市财政局、市规划资源局");
    check("nested brackets are one department",
          "优化公交。（责任部门：市交通委（市道运局）、市公安局等）",
          "市交通委、市公安局|lead:|support:");
    check("list ending in ；各区政府",
          "推进实施。（牵头部门：市住房城乡建设管理委、市房屋管理局；各区政府）",
          "市住房城乡建设管理委、市房屋管理局、各区政府|lead:"
          "市住房城乡建设管理委、市房屋管理局、各区政府|support:");
    check("协办单位 and a name not in the dictionary kept as written",
          "加强保障。（协办单位：市某某研究中心）", "市某某研究中心|lead:|support:市某某研究中心");
    check("tag at the start of a paragraph", "责任部门：市委编办、市教委",
          "市委编办、市教委|lead:|support:");
    check("a tag cut by a wrap, spaces left in",
          "研究完善市区双向考核机制。（责任部门：市发展 改革委、市统计局）",
          "市发展改革委、市统计局|lead:|support:");
    check("an editor credit is not a department", "责任编辑：邓健", "|lead:|support:");
    check("a sentence that mentions a bureau is not a tag",
          "市财政局要会同市发展改革委研究出台支持政策。", "|lead:|support:");
    check("other brackets are not tags", "（以下简称“临港新片区”）", "|lead:|support:");
    canon("市发改委", "市发展改革委");
    canon("上海市发展和改革委员会", "市发展改革委");
    canon("上海市教育委员会", "市教委");
    canon("市卫生健康委员会", "市卫生健康委");
    canon("中共上海市委机构编制委员会办公室", "市委编办");
    canon("市委机构编制委员会办公室", "市委编办");
    canon("上海市規劃和自然資源局", "市规划资源局"); /* traditional characters */
    canon("市规划资源局", "市规划资源局");
    canon("邓健", NULL);
    canon("市场监管", NULL);
    return tap_done();
}
