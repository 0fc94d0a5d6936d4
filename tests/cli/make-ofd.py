"""make-ofd.py OUT.ofd: an OFD file (GB/T 33190) for tests/cli/ofd.sh: two A4 pages of text
objects in millimetres, a running footer "— N —", lines wrapped at the block's right edge, a
measure that runs onto page 2, one object (measure 2) placed through a CTM (Size and coordinates in its own
space, as some producers write them), DeltaX in its "g N d" short form."""
import sys
import zipfile

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
LEFT, WIDTH, SIZE, STEP = 28.0, 156.0, 5.6, 9.0
ids = [100]


def text_object(x, y, text, size=SIZE, ctm=None):
    ids[0] += 1
    attrs = 'ID="%d" Size="%s" Boundary="%.2f %.2f %.2f %.2f"' % (ids[0], size, x, y, WIDTH, size * 2)
    if ctm:
        attrs += ' CTM="%s"' % ctm
    delta = "g %d %.2f" % (len(text) - 1, size) if len(text) > 1 else ""
    return ('<ofd:TextObject %s><ofd:TextCode X="0" Y="%.2f" DeltaX="%s">%s</ofd:TextCode>'
            '</ofd:TextObject>' % (attrs, size, delta, text))


def lines(text, per_line, indent=2):
    out, first = [], True
    while text:
        room = per_line - (indent if first else 0)
        out.append((indent if first else 0, text[:room]))
        text, first = text[room:], False
    return out


def page(objects):
    return ('<?xml version="1.0" encoding="UTF-8"?><ofd:Page %s><ofd:Content><ofd:Layer ID="1">%s'
            '</ofd:Layer></ofd:Content></ofd:Page>' % (NS, "".join(objects)))


per_line = int(WIDTH / SIZE)  # 27 characters
pages, objs, y, number = [], [], 40.0, 1


def put(indent, text):
    global y, objs, number
    objs.append(text_object(LEFT + indent * SIZE, y, text))
    y += STEP
    if y > 250:
        objs.append(text_object(95, 275, "— %d —" % number))
        pages.append(page(objs))
        objs, y, number = [], 40.0, number + 1


TITLE = "测试县数字乡村建设方案"
objs.append(text_object(LEFT + (WIDTH - len(TITLE) * 7.7) / 2, 25, TITLE, size=7.7))  # centered
def put_scaled(text):
    """An object in its own space: Size 600 and Y 600, scaled by its CTM to SIZE mm."""
    global y
    ids[0] += 1
    objs.append('<ofd:TextObject ID="%d" Size="600" Boundary="%.2f %.2f %.2f 12" CTM="%.6f 0 0 %.6f 0 0">'
                '<ofd:TextCode X="0" Y="600" DeltaX="g %d 600">%s</ofd:TextCode></ofd:TextObject>'
                % (ids[0], LEFT + 2 * SIZE, y, WIDTH, SIZE / 600, SIZE / 600, len(text) - 1, text))
    y += STEP


put(2, "一、重点任务")
for indent, part in lines("1.推进乡村信息基础设施建设。加快农村宽带网络和移动通信网络覆盖，提升乡村网络质量。"
                          "（责任单位：县工业和信息化局）", per_line):
    put(indent, part)
put_scaled("2.强化网络安全保障。（责任单位：县委网信办）")
for indent, part in lines("3.发展农村数字经济。培育农村电商主体，完善县乡村三级物流配送体系，促进农产品线上销售。"
                          "（责任单位：县商务局、县农业农村局）", per_line):
    put(indent, part)
while y < 230:  # the next measure starts at the foot of page 1
    for indent, part in lines("加强统筹协调，确保各项任务落实到位。", per_line):
        put(indent, part)
for indent, part in lines(
        "4.提升乡村数字治理水平。推动政务服务向村级延伸，推广网上办、掌上办，提高群众办事便利度。（责任单位：县数据局）",
        per_line):
    put(indent, part)
objs.append(text_object(95, 275, "— %d —" % number))
pages.append(page(objs))

document = ('<?xml version="1.0" encoding="UTF-8"?><ofd:Document %s><ofd:CommonData><ofd:PageArea>'
            '<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>%s'
            '</ofd:Pages></ofd:Document>' % (NS, "".join(
                '<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>' % (i + 1, i) for i in range(len(pages)))))
root = ('<?xml version="1.0" encoding="UTF-8"?><ofd:OFD %s Version="1.0" DocType="OFD"><ofd:DocBody>'
        '<ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot>'
        '</ofd:DocBody></ofd:OFD>' % NS)
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("OFD.xml", root)
    z.writestr("Doc_0/Document.xml", document)
    for i, p in enumerate(pages):
        z.writestr("Doc_0/Pages/Page_%d/Content.xml" % i, p)
