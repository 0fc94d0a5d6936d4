/* test-dept.c: responsibility tags in their real forms, roles, jurisdictions, and the
 * dictionaries. Each check writes a tag's departments as "written[=canonical]/role", joined
 * with 、, then "|" and the deadline. */
#include "ps-private.h"
#include "tap.h"

static char *tags_in(const char *jurisdiction, const char *text)
{
    psi_arena *a = psi_arena_new();
    psi_dept_ctx ctx = {{0}, 0, false, true};
    ctx.n_chain = psi_jurisdiction_chain(jurisdiction, ctx.chain, 6);
    psi_tags t;
    psi_dept_find_tags(text, strlen(text), &ctx, a, &t);
    psi_buf b = {0};
    for (size_t k = 0; k < t.n; k++) {
        if (k)
            psi_buf_puts(&b, " ; ");
        for (size_t i = 0; i < t.v[k].n; i++) {
            const ps_dept *d = &t.v[k].v[i];
            psi_buf_printf(&b, "%s%s", i ? "、" : "", d->written);
            if (strcmp(d->name, d->written) != 0)
                psi_buf_printf(&b, "=%s", d->name);
            if (d->role != PS_ROLE_RESPONSIBLE)
                psi_buf_printf(&b, "/%s", ps_role_name(d->role));
        }
        if (t.v[k].deadline)
            psi_buf_printf(&b, "|%s", t.v[k].deadline);
    }
    psi_arena_free(a);
    return psi_buf_detach(&b);
}

static void check_in(const char *jurisdiction, const char *name, const char *text, const char *want)
{
    char *got = tags_in(jurisdiction, text);
    TAP_STR_EQ(got ? got : "", want, name);
    free(got);
}

static void check(const char *name, const char *text, const char *want)
{
    check_in("上海市", name, text, want);
}

static void canon(const char *name, const char *want)
{
    const char *got = ps_dept_canonical(name, strlen(name));
    TAP_OK(want ? got && strcmp(got, want) == 0 : got == NULL, "dictionary: %s -> %s (got %s)",
           name, want ? want : "(not a department)", got ? got : "(none)");
}

/* The jurisdiction of a name no dictionary knows, in a document of 'doc_jurisdiction'. */
static void placed(const char *doc_jurisdiction, const char *name, const char *want)
{
    psi_dept_ctx ctx = {{0}, 0, false, true};
    ctx.n_chain = psi_jurisdiction_chain(doc_jurisdiction, ctx.chain, 6);
    const char *got = psi_dept_jurisdiction_of(name, &ctx);
    TAP_OK(strcmp(got ? got : "(none)", want) == 0, "%s in a %s document belongs to %s (got %s)",
           name, doc_jurisdiction, want, got ? got : "(none)");
}

/* The jurisdiction of a document from its issuer, title or number. */
static void doc_place(const char *issuer, const char *title, const char *number, const char *want)
{
    psi_arena *a = psi_arena_new();
    ps_doc_meta m = {0};
    m.issuer = issuer;
    m.title = title;
    m.number = number;
    const char *got = psi_doc_jurisdiction(&m, NULL, a);
    TAP_OK(strcmp(got ? got : "(none)", want) == 0, "document by %s / %s / %s is %s's (got %s)",
           issuer ? issuer : "-", title ? title : "-", number ? number : "-", want,
           got ? got : "(none)");
    psi_arena_free(a);
}

/* The jurisdiction of a document without issuer, title or number: from its opening text. */
static void text_place(const char *text, const char *want)
{
    psi_arena *a = psi_arena_new();
    psi_blocks bs = {0};
    psi_blocks_add(&bs, a, text, strlen(text), 1, 1, 0);
    ps_doc_meta m = {0};
    const char *got = psi_doc_jurisdiction(&m, &bs, a);
    TAP_OK(strcmp(got ? got : "(none)", want) == 0, "a text naming places is %s's (got %s)", want,
           got ? got : "(none)");
    psi_blocks_free(&bs);
    psi_arena_free(a);
}

static void matches(const char *typed, const char *name, int want)
{
    TAP_OK(ps_dept_matches(typed, name) == want, "--dept %s %s %s", typed,
           want ? "finds" : "does not find", name);
}

int main(void)
{
    /* keyword lists */
    check("责任部门, full-width brackets and colon",
          "支持一批储能示范项目建设。（责任部门：市经济信息化委、市交通委、市数据局）",
          "市经济信息化委、市交通委、市数据局");
    check("half-width brackets and colon, 责任单位, aliases mapped, written form kept",
          "加快建设。(责任单位:市发改委、市经信委、上海市财政局)",
          "市发改委=市发展改革委、市经信委=市经济信息化委、上海市财政局=市财政局");
    check("牵头/配合 keywords separated by ；",
          "完善机制。（牵头单位：市发展改革委；配合单位：市财政局、市规划资源局）",
          "市发展改革委/lead、市财政局/supporting、市规划资源局/supporting");
    check_in(
        "广州市", "牵头/配合 keywords separated by ，, and a list after ， keeps its role",
        "定期向社会公布。（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，"
        "各区、县级市）",
        "市发展改革委/lead、市委组织部/supporting、市人力资源和社会保障局/supporting、"
        "各区/supporting、县级市/supporting");
    check("nested brackets belong to the name",
          "优化公交。（责任部门：市交通委（市道运局）、市公安局等）",
          "市交通委（市道运局）=市交通委、市公安局");
    check("a 、 inside brackets belongs to the name",
          "加强宣传。（责任单位：区委宣传部（区文明办、区政府新闻办）、区融媒体中心）",
          "区委宣传部（区文明办、区政府新闻办）、区融媒体中心");
    check("list ending in ；各区政府 keeps the keyword's role",
          "推进实施。（牵头部门：市住房城乡建设管理委、市房屋管理局；各区政府）",
          "市住房城乡建设管理委/lead、市房屋管理局/lead、各区政府/lead");
    check("协办单位 is supporting; a name not in the dictionary is kept as written",
          "加强保障。（协办单位：市某某研究中心）", "市某某研究中心/supporting");
    check("tag at the start of a paragraph", "责任部门：市委编办、市教委", "市委编办、市教委");
    check("tags on lines of their own", "牵头单位：区建管委\n配合单位：区发展改革委、各街道",
          "区建管委/lead、区发展改革委/supporting、各街道/supporting");
    check("a tag cut by a wrap, spaces left in",
          "研究完善市区双向考核机制。（责任部门：市发展 改革委、市统计局）",
          "市发展改革委、市统计局");
    check("主责单位 is lead, 参与单位 supporting",
          "开展试点。（主责单位：区经委；参与单位：区科委）", "区经委/lead、区科委/supporting");
    /* role verbs */
    check_in("全国", "A、B等按职责分工负责, with a deadline; 等 is not part of a name",
             "保持经济运行在合理区间。（国家发展改革委、财政部、人民银行等按职责分工负责，12月底前"
             "完成）",
             "国家发展改革委、财政部、人民银行|12月底前完成");
    check_in("全国", "A牵头，B、C等按职责分工负责",
             "压实责任。（人民银行牵头，国家发展改革委、司法部等按职责分工负责，9月底前完成"
             "金融稳定保障基金筹集相关工作，年内持续推进）",
             "人民银行/lead、国家发展改革委、司法部|9月底前完成金融稳定保障基金筹集相关工作");
    check_in("全国", "A、B牵头 and 有关部门",
             "严格执法。（公安部、国务院办公厅牵头，有关部门按职责分工负责，年内持续推进）",
             "公安部/lead、国务院办公厅/lead、有关部门|年内持续推进");
    check_in("全国", "等 and 及 join bodies",
             "减轻负担。（财政部、人民银行等国务院相关部门及各地区按职责分工负责）",
             "财政部、人民银行、国务院相关部门、各地区");
    check_in("全国", "和 joins two bodies, not the words of one name",
             "化解矛盾。（国家信访局牵头，中央信访工作联席会议成员单位和有关部门按职责分工负责）",
             "国家信访局/lead、中央信访工作联席会议成员单位、有关部门");
    check_in("全国", "与 joins bodies",
             "办好冬奥会。（体育总局、住房城乡建设部与北京市人民政府等按职责分工负责）",
             "体育总局、住房城乡建设部、北京市人民政府");
    check("A牵头负责，B组织落实",
          "依法从重处罚。（市住房城乡建设管理委牵头负责，各区政府组织落实）",
          "市住房城乡建设管理委/lead、各区政府");
    check("roles separated by 、", "依法处罚。（市市场监管局牵头负责、各区政府组织落实）",
          "市市场监管局/lead、各区政府");
    check("A负责", "做好保障。（市财政局负责）", "市财政局");
    check("A牵头，B配合", "建立机制。（市民政局牵头，市财政局配合）",
          "市民政局/lead、市财政局/supporting");
    check("A会同B: A leads, B supports", "研究政策。（市财政局会同市税务局负责）",
          "市财政局/lead、市税务局/supporting");
    check("按职责组织配合 is supporting", "开展排查。（市应急局牵头，市民政局按职责组织配合）",
          "市应急局/lead、市民政局/supporting");
    check("国务院各部门分别负责", "迎接党的二十大胜利召开。（国务院各部门分别负责，年内持续推进）",
          "国务院各部门|年内持续推进");
    /* names only */
    check("bare brackets with names after a sentence",
          "予以指导和配合。（各街镇、区规划资源局、区土储中心）",
          "各街镇、区规划资源局、区土储中心");
    check("a shared suffix means two bodies", "加强巡查。（吴泾、塘湾派出所）",
          "吴泾=吴泾派出所、塘湾派出所");
    check("市、区: a level alone takes the name after it", "落实资金。（市、区财政局负责）",
          "市=市财政局、区财政局");
    check("a place's short name is a body of its own, not a shared suffix",
          "开展试点。（徐汇、浦东新区负责）", "徐汇、浦东新区");
    check("a bracket left open earlier does not hide the tag",
          "按规定（见附件执行。落实资金。（市财政局负责）", "市财政局");
    check("a shared suffix is whole characters", "建设基站。（5G、移动通信公司负责）", "");
    check("bare brackets inside a sentence are not a tag",
          "服务型中小企业（如养老托育机构等）给予支持。", "");
    check("（试行） is not a tag", "本办法（试行）自发布之日起施行。", "");
    check("（按行政区划排列，下同） is not a tag", "各区（按行政区划排列，下同）要落实。", "");
    check_in("全国", "a reply's lead-in names who replies; 会同 a body makes it lead",
             "发展改革委会同有关部门研究提出：为加快实施振兴东北地区等老工业基地的战略部署。",
             "发展改革委=国家发展改革委/lead");
    check_in("全国", "a reply's lead-in without 会同", "证监会、发展改革委提出了以下意见：",
             "证监会、发展改革委=国家发展改革委");
    /* what is not a tag */
    check("an editor credit is not a department", "责任编辑：邓健", "");
    check("a sentence that mentions a bureau is not a tag",
          "市财政局要会同市发展改革委研究出台支持政策。", "");
    check("other brackets are not tags", "（以下简称“临港新片区”）", "");
    /* jurisdictions */
    check_in("广州市", "a Guangzhou name is not mapped to Shanghai's bureau",
             "加强培训。（责任单位：市人力资源和社会保障局）", "市人力资源和社会保障局");
    check_in("上海市", "the same name in a Shanghai document is Shanghai's",
             "加强培训。（责任单位：市人力资源和社会保障局）",
             "市人力资源和社会保障局=市人力资源社会保障局");
    check_in("广州市", "national names are national anywhere", "加强保障。（责任单位：国家发改委）",
             "国家发改委=国家发展改革委");
    canon("市发改委", "市发展改革委");
    canon("上海市发展和改革委员会", "市发展改革委");
    canon("上海市教育委员会", "市教委");
    canon("市卫生健康委员会", "市卫生健康委");
    canon("中共上海市委机构编制委员会办公室", "市委编办");
    canon("市委机构编制委员会办公室", "市委编办");
    canon("上海市規劃和自然資源局", "市规划资源局"); /* traditional characters */
    canon("市规划资源局", "市规划资源局");
    canon("中华人民共和国财政部", "财政部");
    canon("邓健", NULL);
    canon("市场监管", NULL);
    placed("上海市黄浦区", "市财政局", "上海市");
    placed("上海市黄浦区", "区财政局", "上海市黄浦区");
    placed("广州市", "市财政局", "广州市");
    doc_place("上海市普陀区人民政府办公室", NULL, NULL, "上海市普陀区");
    doc_place(NULL, "黄浦区可再生能源发展行动方案", NULL, "上海市黄浦区");
    doc_place(NULL, "国务院关于落实《政府工作报告》重点工作分工的意见", NULL, "全国");
    doc_place(NULL, "古美路街道加强独居老人消防安全工作实施方案", NULL, "古美路街道");
    doc_place(NULL, NULL, "沪府办发〔2024〕3号", "上海市");
    doc_place(NULL, NULL, "国办函〔2004〕57号", "全国");
    doc_place(NULL, "关于辽宁省有关问题的函", NULL, "(none)");
    /* a mention counts once, under its longest name; a municipality is a city */
    text_place("为深入贯彻落实党中央决策部署，推动上海经济发展，结合上海实际，制定本方案。",
               "上海市");
    text_place("根据广州市委部署，借鉴广州市经验，推动深圳发展，把深圳建设成为深圳人的家园。",
               "深圳市");
    text_place("一、依托佛山，加快建设。", "(none)"); /* named once: not enough */
    matches("财政局", "市财政局", 1);
    matches("财政局", "区财政局", 1);
    matches("财政局", "财政部", 0);
    matches("市财政局", "区财政局", 0);
    matches("发改委", "市发展改革委", 1);
    matches("人力资源和社会保障局", "市人力资源和社会保障局", 1);
    matches("人力资源和社会保障局", "市人力资源社会保障局", 1);
    matches("上海市财政局", "市财政局", 1);
    return tap_done();
}
