"""make-docx.py OUT.docx: a Word file as offices write them, for tests/cli/docx.sh: automatic
numbering (一、 （一） on one list, continued by a second w:num of the same list, 1. from a
paragraph style), a task-division table, a deleted
revision, a field code, a comment and a header, which must not be read as text."""
import sys
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % text


def para(body, num=None, style=None, center=False):
    ppr = ""
    if style:
        ppr += '<w:pStyle w:val="%s"/>' % style
    if num:
        ppr += '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (num[1], num[0])
    if center:
        ppr += '<w:jc w:val="center"/>'
    return '<w:p><w:pPr>%s</w:pPr>%s</w:p>' % (ppr, body)


def cell(text):
    if text.startswith("sdt:"):  # a cell whose text sits in a content control
        return '<w:tc><w:sdt><w:sdtContent><w:p>%s</w:p></w:sdtContent></w:sdt></w:tc>' % run(text[4:])
    return '<w:tc><w:p>%s</w:p></w:tc>' % run(text)


def table(rows):
    return '<w:tbl>%s</w:tbl>' % "".join(
        '<w:tr>%s</w:tr>' % "".join(cell(c) for c in r) for r in rows)


document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>' % W
            + para(run("测试区关于加强基层治理的实施方案"), center=True)
            + para(run("测区发〔2025〕3号"), center=True)
            + para(run("为加强基层治理，制定本方案。"))
            + para(run("总体要求"), num=(1, 0))
            + para(run("健全工作机制。") + '<w:del><w:r><w:delText>不应出现的删除文字</w:delText></w:r></w:del>'
                   + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
                   + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                   + '<w:ins><w:r><w:t>建立</w:t></w:r></w:ins>' + run("街镇协调机制，定期会商重点问题。")
                   + '<w:r><w:commentReference w:id="0"/></w:r>', num=(1, 1))
            + para(run("落实责任。明确各部门职责分工。（牵头单位：区民政局；配合单位：区财政局）"),
                   style="ListItem")
            + para(run("强化督查。定期通报工作进展。（责任单位：区政府督查室）"), style="ListItem")
            + para(run("保障措施"), num=(1, 0))
            + para(run("加强经费保障。将工作经费纳入预算。（责任单位：区财政局）"), num=(1, 1))
            + para(run("组织实施"), num=(3, 0))  # another w:num on the same list: 三、
            + para(run("加强组织领导。（责任单位：区委办公室）"), num=(3, 1))
            + para(run("重点任务分工表"), center=False)
            + table([["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
                     ["1", "开展安全隐患排查", "区应急局", "区公安分局", "2025年底前"],
                     ["2", "完善网格化管理", "sdt:区城运中心", "各街镇", "2026年6月底前"]])
            + '<w:sectPr><w:headerReference w:type="default" r:id="rId1" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></w:sectPr>'
            + '</w:body></w:document>')

numbering = ('<?xml version="1.0" encoding="UTF-8"?><w:numbering %s>' % W
             + '<w:abstractNum w:abstractNumId="0">'
               '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
               '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
               '</w:abstractNum>'
             + '<w:abstractNum w:abstractNumId="1">'
               '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
               '</w:abstractNum>'
             + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
             + '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
             + '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>'
             + '</w:numbering>')

styles = ('<?xml version="1.0" encoding="UTF-8"?><w:styles %s>' % W
          + '<w:style w:type="paragraph" w:styleId="ListBase"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
          + '<w:style w:type="paragraph" w:styleId="ListItem"><w:basedOn w:val="ListBase"/></w:style>'
          + '</w:styles>')

header = '<?xml version="1.0" encoding="UTF-8"?><w:hdr %s>%s</w:hdr>' % (W, para(run("页眉文字不应出现")))
comments = ('<?xml version="1.0" encoding="UTF-8"?><w:comments %s><w:comment w:id="0">%s</w:comment></w:comments>'
            % (W, para(run("批注文字不应出现"))))
types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')

with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", types)
    z.writestr("word/document.xml", document)
    z.writestr("word/numbering.xml", numbering)
    z.writestr("word/styles.xml", styles)
    z.writestr("word/header1.xml", header)
    z.writestr("word/comments.xml", comments)
