"""Vietnamese text bank (written for the project; fictional people and places)."""

from scamnet.demo.lexicon import Lexicon

LEXICON = Lexicon(
    code="vi",
    countries=("VN",),
    victim_names=(
        "Minh",
        "Lan",
        "Hùng",
        "Thảo",
        "Tuấn",
        "Hương",
        "Dũng",
        "Ngọc",
        "Phương",
        "Quang",
    ),
    persona_names=("Linh", "Vy", "Anh Khoa", "Chị Mai", "Bảo Ngọc", "Trang", "Kevin Nguyễn"),
    scammer={
        "contact": (
            "Chào [[anh|chị|bạn]], xin lỗi em nhắn nhầm số. Anh có phải anh Tuấn bên công ty du "
            "lịch không ạ?",
            "Em chào anh, em là {persona}, mình quen nhau trên [[Tinder|Facebook|Zalo]] đó ạ 😊",
            "Chào {victim}, mình thấy bạn bình luận trong nhóm du lịch nên muốn làm quen 👋",
        ),
        "rapport": (
            "Hôm nay em đi làm về muộn, vừa ăn tối xong. Anh ăn cơm chưa?",
            "Bố mẹ em mất sớm, cô em ở Singapore nuôi em ăn học, nên em rất quý gia đình.",
            "Nói chuyện với anh em thấy vui lắm, cảm giác như quen từ lâu rồi.",
            "Chúc anh buổi sáng tốt lành ☀️ nhớ uống cà phê nhé.",
        ),
        "pitch": (
            "Cô em là chuyên gia phân tích ở Hồng Kông, tuần này em làm theo tín hiệu của cô trên "
            "{site} lời được {profit} USDT.",
            "Anh mở tài khoản trên {site} rồi thử trước một ít, khoảng 5 triệu thôi, em hướng dẫn "
            "từng bước.",
            "Lệnh hợp đồng này chỉ mở trong 30 phút, đến giờ em báo anh vào lệnh.",
        ),
        "deposit": (
            "Anh mua USDT trên sàn rồi chuyển vào ví nạp tiền của nền tảng: {wallet}",
            "Chăm sóc khách hàng gửi địa chỉ nạp riêng cho anh: {wallet} anh kiểm tra kỹ trước khi "
            "chuyển nhé.",
        ),
        "profit": (
            "Anh xem, tài khoản đã lời [[38|42|55]]% rồi! 🎉",
            "Chúc mừng {victim}, hôm nay lời {profit} USDT, lần sau mình vào lệnh lớn hơn.",
        ),
        "withdrawal_blocked": (
            "Bên chăm sóc khách hàng nói anh phải nộp {tax}% thuế thu nhập cá nhân thì mới rút "
            "tiền được.",
            "Tài khoản của anh bị bộ phận kiểm soát rủi ro đóng băng vì giao dịch bất thường, phải "
            "nộp tiền ký quỹ để mở.",
        ),
        "pressure": (
            "Nếu mai anh không nộp thì toàn bộ tiền sẽ bị tịch thu, lúc đó em cũng không giúp "
            "được.",
            "Em tin anh đến mức cho anh mượn tiền của em rồi, anh đừng làm em thất vọng.",
            "Nền tảng nói anh vi phạm hợp đồng và sẽ báo công an.",
        ),
    },
    victim={
        "contact": ("Bạn nhắn nhầm số rồi.", "Chào em, anh nhớ rồi.", "Ai vậy ạ?"),
        "rapport": (
            "Haha anh cũng vừa tan làm, mệt quá.",
            "Cảm ơn em đã hỏi thăm, từ khi ly hôn anh ít nói chuyện với ai.",
            "Anh ăn rồi. Em nấu ăn giỏi ghê!",
        ),
        "pitch": (
            "Anh không rành tiền ảo lắm, có an toàn không em?",
            "Ok anh đăng ký xong rồi, giờ làm gì tiếp?",
        ),
        "deposit": (
            "Anh chuyển {amount} {currency} rồi, đây là ảnh chụp màn hình.",
            "Chuyển xong rồi, đang chờ xử lý.",
        ),
        "profit": ("Trời ơi, số dư hiện {profit} luôn!", "Có nên nạp thêm không em?"),
        "withdrawal_blocked": (
            "Sao anh không rút được? Nó báo tài khoản bị đóng băng.",
            "Anh đã nộp hết tiền rồi, sao lại còn phí nữa?",
        ),
        "pressure": ("Làm ơn, anh không còn tiền nữa.", "Anh sẽ đi báo công an."),
    },
    narrative={
        "contact": (
            "[[Tháng ba|Cuối năm ngoái|Mùa hè này]], một người tên {persona} nhắn tin cho tôi trên "
            "{app}, nói là nhắn nhầm số.",
            "Tôi quen {persona} qua ứng dụng hẹn hò, vài ngày sau người đó rủ chuyển sang {app}.",
            "{persona} kết bạn với tôi trên {app} sau khi tôi bình luận trong một nhóm du lịch.",
        ),
        "rapport": (
            "Chúng tôi nói chuyện mỗi ngày suốt [[ba tuần|hơn một tháng|gần hai tháng]], về gia "
            "đình, công việc. Người đó nói sống ở [[Singapore|Hồng Kông|Kuala Lumpur]] và kinh "
            "doanh thời trang.",
            "Người đó rất quan tâm, sáng nào cũng chúc buổi sáng, gửi ảnh bữa trưa và nói muốn "
            "sang thăm tôi.",
        ),
        "pitch": (
            "Sau đó {persona} nói có người nhà nắm thông tin nội bộ về hợp đồng tiền ảo và gửi ảnh "
            "lợi nhuận trên {site}.",
            "Tôi được hướng dẫn mở tài khoản trên sàn {site}, trang web trông rất chuyên nghiệp, "
            "có biểu đồ và chăm sóc khách hàng.",
        ),
        "deposit": (
            "Lần đầu tôi nạp ít, nhưng trong [[sáu|tám|mười]] tuần tôi đã chuyển tổng cộng "
            "{amount} {currency} vào ví {wallet} do 'chăm sóc khách hàng' cung cấp.",
            "Tôi mua USDT rồi chuyển vào địa chỉ {wallet} theo hướng dẫn, tổng cộng {amount} "
            "{currency}.",
        ),
        "profit": (
            "Số dư trên trang cứ tăng, có lúc hiện hơn {profit} USDT.",
            "Lần đầu tôi còn rút được một khoản nhỏ nên càng tin tưởng.",
        ),
        "withdrawal_blocked": (
            "Khi tôi muốn rút tiền, chăm sóc khách hàng bảo phải nộp {tax}% thuế lợi nhuận trước.",
            "Sau đó tài khoản bị 'đóng băng do nghi ngờ rửa tiền' và họ đòi tiền ký quỹ để mở.",
        ),
        "pressure": (
            "{persona} nổi giận, nói tôi phá hỏng tương lai của hai đứa và tiền sẽ bị tịch thu nếu "
            "không nộp.",
            "Họ liên tục gọi điện đe dọa kiện tôi vì vi phạm hợp đồng.",
        ),
    },
    identifier={
        "phone": (
            "Số điện thoại liên lạc với tôi là {phone}.",
            "SĐT của người đó: {phone}",
            "Zalo của người đó là {phone}.",
        ),
        "handle": ("Liên hệ chăm sóc khách hàng: {handle}", "Tài khoản liên hệ: {handle}"),
        "wallet": ("Địa chỉ ví nạp: {wallet}", "Tiền USDT chuyển vào {wallet}."),
        "site": ("Trang web của sàn là {site}.", "Trang giả mạo: {site}"),
    },
    no_indicator=(
        "Tôi bị một người quen trên mạng dụ đầu tư tiền ảo và mất hết tiền tiết kiệm. Tôi đã xoá "
        "tin nhắn vì xấu hổ và không còn nhớ trang web. Tôi chỉ muốn trình báo.",
        "Mẹ tôi bị một người trên Facebook rủ vào nhóm đầu tư, mất nhiều tiền nhưng không chịu cho "
        "tôi xem tin nhắn.",
    ),
    not_scam_reports=(
        "Tôi nhận tin nhắn báo bưu phẩm bị giữ lại. Tôi gọi tổng đài chính thức của bưu điện thì "
        "đúng là thông báo giao hàng thật, không mất gì cả.",
        "Có người hỏi mua xe đạp cũ của tôi, gặp mặt trả tiền mặt, mọi thứ bình thường.",
    ),
    not_scam_chat=(
        (0, "Mẹ ơi, chủ nhật cả nhà về ăn cơm nhé?"),
        (1, "Ừ, mẹ sẽ nấu canh chua. Bố có đón bà không con?"),
        (0, "Bố đón ạ. Mẹ mang thêm mấy cái ghế gấp nhé."),
        (1, "Được rồi, khoảng 6 giờ mẹ tới."),
        (0, "Tuyệt quá, tụi nhỏ nhớ bà lắm ❤️"),
    ),
    exchange_mention=(
        "Tôi mua USDT trên [[binance.com|okx.com|coinbase.com]] trước.",
        "Họ bảo tôi đăng ký [[okx.com|binance.com|coinbase.com]] để mua coin.",
    ),
    shortener_mention=("Cô ấy gửi link {short} để tải ứng dụng.", "Ứng dụng được tải từ {short}."),
    contact_email=("Email của tôi: {email}", "Có thể liên hệ tôi qua {email}."),
    media_caption=("Cảnh văn phòng em hôm nay nè",),
    task={
        "contact": (
            "Một người tự xưng là nhân viên tuyển dụng nhắn tin trên {app}, mời tôi làm cộng tác "
            "viên thả tim video TikTok, mỗi nhiệm vụ được 50.000 đồng.",
        ),
        "pitch": (
            "Mấy nhiệm vụ đầu được trả hoa hồng, sau đó tôi bị đưa vào 'nhiệm vụ combo' trên "
            "{site} phải nạp tiền trước.",
        ),
        "deposit": (
            "Để hoàn thành combo tôi phải nạp {amount} {currency} vào {wallet}.",
        ),
        "withdrawal_blocked": (
            "Khi rút hoa hồng thì 'người hướng dẫn' nói điểm tín nhiệm của tôi thấp, phải nạp thêm "
            "mới rút được.",
        ),
    },
    task_scammer={
        "pitch": (
            "Bạn làm thử 3 nhiệm vụ miễn phí trước: thả tim video mình gửi rồi chụp màn hình gửi "
            "lại, hoa hồng trả ngay.",
            "Danh sách nhiệm vụ hôm nay ở trên {site}, bạn đăng nhập bằng tài khoản mình tạo sẵn.",
        ),
        "profit": (
            "Tốt lắm! Hoa hồng {profit} USDT đã được cộng vào tài khoản bạn 🎉",
            "Bạn hoàn thành 30 nhiệm vụ rồi, tiền thưởng đã vào tài khoản.",
        ),
        "deposit": (
            "Đây là nhiệm vụ trả trước của thương gia. Bạn nạp {amount} {currency} vào {wallet}, "
            "hoàn tất sẽ nhận lại gốc cộng 30% hoa hồng.",
        ),
        "withdrawal_blocked": (
            "Bạn thao tác sai ở nhiệm vụ 27 nên điểm tín nhiệm chỉ còn 60, phải nạp thêm để khôi "
            "phục rồi mới rút được.",
            "Nhiệm vụ combo chưa hoàn thành nên hệ thống không giải ngân hoa hồng.",
        ),
        "pressure": (
            "Nếu hôm nay không hoàn thành combo thì toàn bộ tiền sẽ bị đóng băng vĩnh viễn.",
            "Cả nhóm đều làm xong rồi, bạn đừng bỏ phí số tiền đã nạp.",
        ),
    },
    task_victim={
        "pitch": ("Mình gửi ảnh chụp màn hình rồi nhé.", "Chỉ cần thả tim video thôi hả bạn?"),
        "profit": ("Mình nhận được rồi, cảm ơn!",),
        "deposit": ("Mình nạp {amount} {currency} rồi.",),
        "withdrawal_blocked": ("Sao mình không rút được hoa hồng?",),
        "pressure": ("Mình hết tiền rồi, trả lại tiền gốc cho mình đi.",),
    },
    recruitment=(
        "Em trai tôi thấy quảng cáo tuyển nhân viên chăm sóc khách hàng ở Campuchia, lương cao, "
        "bao vé máy bay. Người tuyển dụng liên hệ qua {app}, số {phone}. Giờ em tôi bị giữ trong "
        "một khu ở biên giới, bị thu hộ chiếu và họ đòi 200 triệu mới thả.",
    ),
    other_scams={
        "impersonation": (
            "Một người gọi tự xưng là công an, nói tôi liên quan đến đường dây rửa tiền và yêu cầu "
            "chuyển {amount} {currency} vào 'tài khoản tạm giữ'. Số gọi đến: {phone}.",
        ),
        "phishing": (
            "Tin nhắn báo tài khoản ngân hàng bị khoá, yêu cầu đăng nhập tại {site}. Tôi nhập mã "
            "OTP và mất {amount} {currency}.",
        ),
    },
)
