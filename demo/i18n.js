// The demo store's own words, in every language the demo offers (the 20 locales checkout-kit ships).
// A real store has its own i18n; this table only keeps the demo page from being English around a
// localized checkout. The sandbox panel is a developer tool and stays in English (like the sandbox
// PSP pages and the protocol's failure codes it lists).

/** @type {Record<string, Record<string, string>>} */
export const STORE_TEXT = {
  en: {
    shippingRegion: 'Shipping region', shipTo: 'Ship to', language: 'Language', automatic: 'Automatic',
    theme: 'Theme', themeStandard: 'Standard', themeMinimal: 'Minimal', themeMarketplace: 'Marketplace', themeLuxuryDark: 'Dark luxury',
    heroTitle: 'Everyday goods, shipped worldwide', cartTitle: 'Your cart', total: 'Total', checkout: 'Checkout',
    addToCart: 'Add to cart', addNamed: 'Add {name} to cart', remove: 'Remove', removeNamed: 'Remove {name}', emptyCart: 'Your cart is empty.',
    startFailed: 'We could not start the checkout. Please try again.', confirmed: 'Order confirmed. A receipt is on its way to your inbox.',
    otherBrowser: 'This order was started in another browser. To see how its payment went, open this link where you started the checkout.',
    footer: 'A demo store for {link}. Sandbox only: no real payments are made.',
    'tote-canvas': 'Canvas tote bag', 'mug-stoneware': 'Stoneware mug', 'notebook-a5': 'Dot-grid notebook A5', 'tea-sencha': 'Sencha green tea', 'candle-fig': 'Fig & cedar candle', 'scarf-merino': 'Merino scarf',
  },
  de: {
    shippingRegion: 'Lieferregion', shipTo: 'Lieferung nach', language: 'Sprache', automatic: 'Automatisch',
    theme: 'Design', themeStandard: 'Standard', themeMinimal: 'Minimal', themeMarketplace: 'Marktplatz', themeLuxuryDark: 'Dunkler Luxus',
    heroTitle: 'Schöne Dinge für jeden Tag, weltweiter Versand', cartTitle: 'Ihr Warenkorb', total: 'Gesamt', checkout: 'Zur Kasse',
    addToCart: 'In den Warenkorb', addNamed: '{name} in den Warenkorb legen', remove: 'Entfernen', removeNamed: '{name} entfernen', emptyCart: 'Ihr Warenkorb ist leer.',
    startFailed: 'Die Kasse konnte nicht geöffnet werden. Bitte versuchen Sie es noch einmal.', confirmed: 'Bestellung bestätigt. Die Quittung ist unterwegs in Ihr Postfach.',
    otherBrowser: 'Diese Bestellung wurde in einem anderen Browser begonnen. Öffnen Sie diesen Link dort, wo Sie zur Kasse gegangen sind, um den Stand der Zahlung zu sehen.',
    footer: 'Ein Demo-Shop für {link}. Nur Sandbox: Es werden keine echten Zahlungen ausgeführt.',
    'tote-canvas': 'Canvas-Tragetasche', 'mug-stoneware': 'Steingutbecher', 'notebook-a5': 'Notizbuch A5, gepunktet', 'tea-sencha': 'Grüner Tee Sencha', 'candle-fig': 'Kerze Feige & Zeder', 'scarf-merino': 'Merino-Schal',
  },
  nl: {
    shippingRegion: 'Verzendregio', shipTo: 'Verzenden naar', language: 'Taal', automatic: 'Automatisch',
    theme: 'Thema', themeStandard: 'Standaard', themeMinimal: 'Minimaal', themeMarketplace: 'Marktplaats', themeLuxuryDark: 'Donkere luxe',
    heroTitle: 'Mooie dingen voor elke dag, wereldwijd verzonden', cartTitle: 'Je winkelwagen', total: 'Totaal', checkout: 'Afrekenen',
    addToCart: 'In winkelwagen', addNamed: '{name} in winkelwagen', remove: 'Verwijderen', removeNamed: '{name} verwijderen', emptyCart: 'Je winkelwagen is leeg.',
    startFailed: 'Afrekenen kon niet worden gestart. Probeer het opnieuw.', confirmed: 'Bestelling bevestigd. Je ontvangt de bon in je mailbox.',
    otherBrowser: 'Deze bestelling is in een andere browser gestart. Open deze link in de browser waarin je bent gaan afrekenen om te zien hoe de betaling is gegaan.',
    footer: 'Een demowinkel voor {link}. Alleen sandbox: er worden geen echte betalingen gedaan.',
    'tote-canvas': 'Canvas draagtas', 'mug-stoneware': 'Aardewerken mok', 'notebook-a5': 'Notitieboek A5 met stippen', 'tea-sencha': 'Groene thee sencha', 'candle-fig': 'Kaars vijg & ceder', 'scarf-merino': 'Merino sjaal',
  },
  fr: {
    shippingRegion: 'Région de livraison', shipTo: 'Livrer en', language: 'Langue', automatic: 'Automatique',
    theme: 'Thème', themeStandard: 'Standard', themeMinimal: 'Minimal', themeMarketplace: 'Place de marché', themeLuxuryDark: 'Luxe sombre',
    heroTitle: 'Des objets du quotidien, livrés partout dans le monde', cartTitle: 'Votre panier', total: 'Total', checkout: 'Passer commande',
    addToCart: 'Ajouter au panier', addNamed: 'Ajouter {name} au panier', remove: 'Retirer', removeNamed: 'Retirer {name}', emptyCart: 'Votre panier est vide.',
    startFailed: 'Impossible d’ouvrir le paiement. Veuillez réessayer.', confirmed: 'Commande confirmée. Votre reçu arrive dans votre boîte mail.',
    otherBrowser: 'Cette commande a été commencée dans un autre navigateur. Pour voir où en est son paiement, ouvrez ce lien là où vous avez commencé à payer.',
    footer: 'Une boutique de démonstration pour {link}. Sandbox uniquement\u202f: aucun paiement réel n’est effectué.',
    'tote-canvas': 'Sac cabas en toile', 'mug-stoneware': 'Mug en grès', 'notebook-a5': 'Carnet A5 à points', 'tea-sencha': 'Thé vert sencha', 'candle-fig': 'Bougie figue & cèdre', 'scarf-merino': 'Écharpe en mérinos',
  },
  es: {
    shippingRegion: 'Región de envío', shipTo: 'Enviar a', language: 'Idioma', automatic: 'Automático',
    theme: 'Tema', themeStandard: 'Estándar', themeMinimal: 'Minimalista', themeMarketplace: 'Marketplace', themeLuxuryDark: 'Lujo oscuro',
    heroTitle: 'Cosas de todos los días, con envío a todo el mundo', cartTitle: 'Tu cesta', total: 'Total', checkout: 'Tramitar pedido',
    addToCart: 'Añadir a la cesta', addNamed: 'Añadir {name} a la cesta', remove: 'Quitar', removeNamed: 'Quitar {name}', emptyCart: 'Tu cesta está vacía.',
    startFailed: 'No hemos podido iniciar el pago. Vuelve a intentarlo.', confirmed: 'Pedido confirmado. Te hemos enviado el recibo por correo.',
    otherBrowser: 'Este pedido se inició en otro navegador. Para ver cómo ha ido el pago, abre este enlace en el navegador donde empezaste a pagar.',
    footer: 'Una tienda de demostración de {link}. Solo sandbox: no se realizan pagos reales.',
    'tote-canvas': 'Bolsa de lona', 'mug-stoneware': 'Taza de gres', 'notebook-a5': 'Cuaderno A5 de puntos', 'tea-sencha': 'Té verde sencha', 'candle-fig': 'Vela de higo y cedro', 'scarf-merino': 'Bufanda de merino',
  },
  'es-MX': {
    shippingRegion: 'Región de envío', shipTo: 'Enviar a', language: 'Idioma', automatic: 'Automático',
    theme: 'Tema', themeStandard: 'Estándar', themeMinimal: 'Minimalista', themeMarketplace: 'Marketplace', themeLuxuryDark: 'Lujo oscuro',
    heroTitle: 'Cosas de todos los días, con envío a todo el mundo', cartTitle: 'Tu carrito', total: 'Total', checkout: 'Pagar',
    addToCart: 'Agregar al carrito', addNamed: 'Agregar {name} al carrito', remove: 'Quitar', removeNamed: 'Quitar {name}', emptyCart: 'Tu carrito está vacío.',
    startFailed: 'No pudimos iniciar el pago. Inténtalo de nuevo.', confirmed: 'Pedido confirmado. Te enviamos el recibo por correo.',
    otherBrowser: 'Este pedido se inició en otro navegador. Para ver cómo va el pago, abre este enlace en el navegador donde empezaste a pagar.',
    footer: 'Una tienda de demostración de {link}. Solo sandbox: no se hacen pagos reales.',
    'tote-canvas': 'Bolsa de lona', 'mug-stoneware': 'Taza de cerámica', 'notebook-a5': 'Libreta A5 punteada', 'tea-sencha': 'Té verde sencha', 'candle-fig': 'Vela de higo y cedro', 'scarf-merino': 'Bufanda de merino',
  },
  'pt-BR': {
    shippingRegion: 'Região de entrega', shipTo: 'Entregar em', language: 'Idioma', automatic: 'Automático',
    theme: 'Tema', themeStandard: 'Padrão', themeMinimal: 'Minimalista', themeMarketplace: 'Marketplace', themeLuxuryDark: 'Luxo escuro',
    heroTitle: 'Coisas do dia a dia, com entrega para o mundo todo', cartTitle: 'Seu carrinho', total: 'Total', checkout: 'Finalizar compra',
    addToCart: 'Adicionar ao carrinho', addNamed: 'Adicionar {name} ao carrinho', remove: 'Remover', removeNamed: 'Remover {name}', emptyCart: 'Seu carrinho está vazio.',
    startFailed: 'Não conseguimos abrir o pagamento. Tente de novo.', confirmed: 'Pedido confirmado. O recibo está a caminho do seu e-mail.',
    otherBrowser: 'Este pedido foi iniciado em outro navegador. Para ver como ficou o pagamento, abra este link no navegador em que você começou a pagar.',
    footer: 'Uma loja de demonstração do {link}. Só sandbox: nenhum pagamento real é feito.',
    'tote-canvas': 'Sacola de lona', 'mug-stoneware': 'Caneca de cerâmica', 'notebook-a5': 'Caderno A5 pontilhado', 'tea-sencha': 'Chá verde sencha', 'candle-fig': 'Vela de figo e cedro', 'scarf-merino': 'Cachecol de merino',
  },
  pl: {
    shippingRegion: 'Region dostawy', shipTo: 'Dostawa do', language: 'Język', automatic: 'Automatycznie',
    theme: 'Motyw', themeStandard: 'Standardowy', themeMinimal: 'Minimalistyczny', themeMarketplace: 'Marketplace', themeLuxuryDark: 'Ciemny luksus',
    heroTitle: 'Rzeczy na co dzień z wysyłką na cały świat', cartTitle: 'Twój koszyk', total: 'Razem', checkout: 'Przejdź do kasy',
    addToCart: 'Dodaj do koszyka', addNamed: 'Dodaj do koszyka: {name}', remove: 'Usuń', removeNamed: 'Usuń: {name}', emptyCart: 'Twój koszyk jest pusty.',
    startFailed: 'Nie udało się otworzyć płatności. Spróbuj ponownie.', confirmed: 'Zamówienie potwierdzone. Potwierdzenie wysłaliśmy e-mailem.',
    otherBrowser: 'To zamówienie zostało rozpoczęte w innej przeglądarce. Aby sprawdzić stan płatności, otwórz ten link tam, gdzie zaczęto płacić.',
    footer: 'Sklep demonstracyjny {link}. Tylko sandbox: żadne prawdziwe płatności nie są wykonywane.',
    'tote-canvas': 'Torba z płótna', 'mug-stoneware': 'Kubek kamionkowy', 'notebook-a5': 'Notes A5 w kropki', 'tea-sencha': 'Zielona herbata sencha', 'candle-fig': 'Świeca figa i cedr', 'scarf-merino': 'Szal z merynosa',
  },
  tr: {
    shippingRegion: 'Teslimat bölgesi', shipTo: 'Teslimat ülkesi', language: 'Dil', automatic: 'Otomatik',
    theme: 'Tema', themeStandard: 'Standart', themeMinimal: 'Minimal', themeMarketplace: 'Pazaryeri', themeLuxuryDark: 'Koyu lüks',
    heroTitle: 'Her gün için güzel şeyler, dünyanın her yerine kargo', cartTitle: 'Sepetiniz', total: 'Toplam', checkout: 'Ödemeye geç',
    addToCart: 'Sepete ekle', addNamed: 'Sepete ekle: {name}', remove: 'Kaldır', removeNamed: 'Kaldır: {name}', emptyCart: 'Sepetiniz boş.',
    startFailed: 'Ödeme başlatılamadı. Lütfen tekrar deneyin.', confirmed: 'Siparişiniz onaylandı. Makbuzunuz e-posta ile gönderildi.',
    otherBrowser: 'Bu sipariş başka bir tarayıcıda başlatıldı. Ödemenin durumunu görmek için bu bağlantıyı ödemeye başladığınız tarayıcıda açın.',
    footer: '{link} için bir demo mağaza. Yalnızca sandbox: gerçek ödeme yapılmaz.',
    'tote-canvas': 'Kanvas bez çanta', 'mug-stoneware': 'Taş kupa', 'notebook-a5': 'Noktalı A5 defter', 'tea-sencha': 'Sencha yeşil çay', 'candle-fig': 'İncir ve sedir mum', 'scarf-merino': 'Merinos atkı',
  },
  ar: {
    shippingRegion: 'منطقة الشحن', shipTo: 'الشحن إلى', language: 'اللغة', automatic: 'تلقائي',
    theme: 'المظهر', themeStandard: 'قياسي', themeMinimal: 'بسيط', themeMarketplace: 'سوق إلكتروني', themeLuxuryDark: 'فخامة داكنة',
    heroTitle: 'أغراض لكل يوم، نشحنها إلى كل العالم', cartTitle: 'سلة التسوق', total: 'الإجمالي', checkout: 'إتمام الشراء',
    addToCart: 'أضف إلى السلة', addNamed: 'أضف {name} إلى السلة', remove: 'إزالة', removeNamed: 'إزالة {name}', emptyCart: 'سلتك فارغة.',
    startFailed: 'تعذّر بدء الدفع. يُرجى المحاولة مرة أخرى.', confirmed: 'تم تأكيد الطلب. أرسلنا الإيصال إلى بريدك.',
    otherBrowser: 'بدأتَ هذا الطلب في متصفح آخر. لمعرفة حالة الدفع، افتح هذا الرابط في المتصفح الذي بدأت فيه الدفع.',
    footer: 'متجر تجريبي لـ {link}. وضع تجريبي فقط: لا تُنفَّذ أي مدفوعات حقيقية.',
    'tote-canvas': 'حقيبة قماشية', 'mug-stoneware': 'كوب خزفي', 'notebook-a5': 'دفتر منقّط A5', 'tea-sencha': 'شاي سنشا الأخضر', 'candle-fig': 'شمعة التين والأرز', 'scarf-merino': 'وشاح من صوف المرينو',
  },
  hi: {
    shippingRegion: 'डिलीवरी क्षेत्र', shipTo: 'डिलीवरी का देश', language: 'भाषा', automatic: 'अपने-आप',
    theme: 'थीम', themeStandard: 'मानक', themeMinimal: 'सादा', themeMarketplace: 'मार्केटप्लेस', themeLuxuryDark: 'गहरा लक्ज़री',
    heroTitle: 'रोज़मर्रा का सामान, दुनिया भर में डिलीवरी', cartTitle: 'आपकी कार्ट', total: 'कुल', checkout: 'चेकआउट करें',
    addToCart: 'कार्ट में डालें', addNamed: '{name} कार्ट में डालें', remove: 'हटाएँ', removeNamed: '{name} हटाएँ', emptyCart: 'आपकी कार्ट खाली है।',
    startFailed: 'चेकआउट शुरू नहीं हो सका। कृपया फिर से कोशिश करें।', confirmed: 'ऑर्डर कन्फ़र्म हो गया। रसीद आपके ईमेल पर भेज दी गई है।',
    otherBrowser: 'यह ऑर्डर किसी दूसरे ब्राउज़र में शुरू किया गया था। भुगतान की स्थिति देखने के लिए यह लिंक उसी ब्राउज़र में खोलें जिसमें आपने भुगतान शुरू किया था।',
    footer: '{link} के लिए एक डेमो स्टोर। सिर्फ़ सैंडबॉक्स: कोई असली भुगतान नहीं होता।',
    'tote-canvas': 'कैनवस टोट बैग', 'mug-stoneware': 'स्टोनवेयर मग', 'notebook-a5': 'डॉट-ग्रिड नोटबुक A5', 'tea-sencha': 'सेंचा ग्रीन टी', 'candle-fig': 'अंजीर और देवदार मोमबत्ती', 'scarf-merino': 'मेरिनो स्कार्फ़',
  },
  id: {
    shippingRegion: 'Wilayah pengiriman', shipTo: 'Kirim ke', language: 'Bahasa', automatic: 'Otomatis',
    theme: 'Tema', themeStandard: 'Standar', themeMinimal: 'Minimalis', themeMarketplace: 'Marketplace', themeLuxuryDark: 'Mewah gelap',
    heroTitle: 'Barang sehari-hari, dikirim ke seluruh dunia', cartTitle: 'Keranjang Anda', total: 'Total', checkout: 'Checkout',
    addToCart: 'Tambah ke keranjang', addNamed: 'Tambahkan {name} ke keranjang', remove: 'Hapus', removeNamed: 'Hapus {name}', emptyCart: 'Keranjang Anda kosong.',
    startFailed: 'Checkout tidak dapat dimulai. Silakan coba lagi.', confirmed: 'Pesanan dikonfirmasi. Tanda terima sedang dikirim ke email Anda.',
    otherBrowser: 'Pesanan ini dimulai di browser lain. Untuk melihat status pembayarannya, buka tautan ini di browser tempat Anda mulai membayar.',
    footer: 'Toko demo untuk {link}. Hanya sandbox: tidak ada pembayaran sungguhan.',
    'tote-canvas': 'Tas jinjing kanvas', 'mug-stoneware': 'Mug keramik', 'notebook-a5': 'Buku catatan titik A5', 'tea-sencha': 'Teh hijau sencha', 'candle-fig': 'Lilin ara & cedar', 'scarf-merino': 'Syal merino',
  },
  ms: {
    shippingRegion: 'Kawasan penghantaran', shipTo: 'Hantar ke', language: 'Bahasa', automatic: 'Automatik',
    theme: 'Tema', themeStandard: 'Standard', themeMinimal: 'Minimalis', themeMarketplace: 'Pasaran', themeLuxuryDark: 'Mewah gelap',
    heroTitle: 'Barangan harian, dihantar ke seluruh dunia', cartTitle: 'Troli anda', total: 'Jumlah', checkout: 'Bayar sekarang',
    addToCart: 'Tambah ke troli', addNamed: 'Tambah {name} ke troli', remove: 'Buang', removeNamed: 'Buang {name}', emptyCart: 'Troli anda kosong.',
    startFailed: 'Pembayaran tidak dapat dimulakan. Sila cuba lagi.', confirmed: 'Pesanan disahkan. Resit sedang dihantar ke e-mel anda.',
    otherBrowser: 'Pesanan ini dimulakan dalam pelayar lain. Untuk melihat status pembayarannya, buka pautan ini dalam pelayar tempat anda mula membayar.',
    footer: 'Kedai demo untuk {link}. Sandbox sahaja: tiada bayaran sebenar dibuat.',
    'tote-canvas': 'Beg tote kanvas', 'mug-stoneware': 'Mug tembikar', 'notebook-a5': 'Buku nota bertitik A5', 'tea-sencha': 'Teh hijau sencha', 'candle-fig': 'Lilin buah tin & sedar', 'scarf-merino': 'Selendang merino',
  },
  th: {
    shippingRegion: 'ภูมิภาคที่จัดส่ง', shipTo: 'จัดส่งไปที่', language: 'ภาษา', automatic: 'อัตโนมัติ',
    theme: 'ธีม', themeStandard: 'มาตรฐาน', themeMinimal: 'มินิมอล', themeMarketplace: 'มาร์เก็ตเพลส', themeLuxuryDark: 'หรูหราโทนมืด',
    heroTitle: 'ของใช้ประจำวัน ส่งทั่วโลก', cartTitle: 'ตะกร้าของคุณ', total: 'ยอดรวม', checkout: 'ชำระเงิน',
    addToCart: 'ใส่ตะกร้า', addNamed: 'ใส่ {name} ลงตะกร้า', remove: 'นำออก', removeNamed: 'นำ {name} ออก', emptyCart: 'ตะกร้าของคุณว่างอยู่',
    startFailed: 'เริ่มการชำระเงินไม่ได้ โปรดลองอีกครั้ง', confirmed: 'ยืนยันคำสั่งซื้อแล้ว เราส่งใบเสร็จไปที่อีเมลของคุณแล้ว',
    otherBrowser: 'คำสั่งซื้อนี้เริ่มในเบราว์เซอร์อื่น หากต้องการดูสถานะการชำระเงิน โปรดเปิดลิงก์นี้ในเบราว์เซอร์ที่คุณเริ่มชำระเงิน',
    footer: 'ร้านค้าตัวอย่างสำหรับ {link} เป็นแซนด์บ็อกซ์เท่านั้น ไม่มีการชำระเงินจริง',
    'tote-canvas': 'กระเป๋าผ้าแคนวาส', 'mug-stoneware': 'แก้วมัคสโตนแวร์', 'notebook-a5': 'สมุดโน้ตลายจุด A5', 'tea-sencha': 'ชาเขียวเซนฉะ', 'candle-fig': 'เทียนหอมมะเดื่อและซีดาร์', 'scarf-merino': 'ผ้าพันคอเมอริโน',
  },
  vi: {
    shippingRegion: 'Khu vực giao hàng', shipTo: 'Giao đến', language: 'Ngôn ngữ', automatic: 'Tự động',
    theme: 'Giao diện', themeStandard: 'Tiêu chuẩn', themeMinimal: 'Tối giản', themeMarketplace: 'Sàn thương mại', themeLuxuryDark: 'Sang trọng tối',
    heroTitle: 'Đồ dùng hằng ngày, giao hàng toàn thế giới', cartTitle: 'Giỏ hàng của bạn', total: 'Tổng cộng', checkout: 'Thanh toán',
    addToCart: 'Thêm vào giỏ', addNamed: 'Thêm {name} vào giỏ', remove: 'Xóa', removeNamed: 'Xóa {name}', emptyCart: 'Giỏ hàng của bạn đang trống.',
    startFailed: 'Không thể bắt đầu thanh toán. Vui lòng thử lại.', confirmed: 'Đơn hàng đã được xác nhận. Biên lai đã được gửi đến email của bạn.',
    otherBrowser: 'Đơn hàng này được bắt đầu trên một trình duyệt khác. Để xem tình trạng thanh toán, hãy mở liên kết này trên trình duyệt mà bạn đã bắt đầu thanh toán.',
    footer: 'Cửa hàng demo của {link}. Chỉ là sandbox: không có giao dịch thật.',
    'tote-canvas': 'Túi tote vải canvas', 'mug-stoneware': 'Cốc gốm', 'notebook-a5': 'Sổ chấm A5', 'tea-sencha': 'Trà xanh sencha', 'candle-fig': 'Nến sung & tuyết tùng', 'scarf-merino': 'Khăn len merino',
  },
  fil: {
    shippingRegion: 'Rehiyon ng padala', shipTo: 'Ipadala sa', language: 'Wika', automatic: 'Awtomatiko',
    theme: 'Tema', themeStandard: 'Karaniwan', themeMinimal: 'Minimal', themeMarketplace: 'Marketplace', themeLuxuryDark: 'Madilim na luho',
    heroTitle: 'Mga gamit sa araw-araw, ipinapadala saanman sa mundo', cartTitle: 'Ang cart mo', total: 'Kabuuan', checkout: 'Mag-checkout',
    addToCart: 'Idagdag sa cart', addNamed: 'Idagdag sa cart ang {name}', remove: 'Alisin', removeNamed: 'Alisin ang {name}', emptyCart: 'Walang laman ang cart mo.',
    startFailed: 'Hindi masimulan ang checkout. Pakisubukan ulit.', confirmed: 'Kumpirmado na ang order. Ipinadala na sa email mo ang resibo.',
    otherBrowser: 'Sinimulan ang order na ito sa ibang browser. Para makita ang lagay ng bayad, buksan ang link na ito sa browser kung saan ka nagsimulang magbayad.',
    footer: 'Isang demo store para sa {link}. Sandbox lang: walang totoong bayad.',
    'tote-canvas': 'Canvas na tote bag', 'mug-stoneware': 'Stoneware na mug', 'notebook-a5': 'Dot-grid na notebook A5', 'tea-sencha': 'Sencha green tea', 'candle-fig': 'Kandilang fig at cedar', 'scarf-merino': 'Merino na scarf',
  },
  ja: {
    shippingRegion: '配送地域', shipTo: 'お届け先', language: '言語', automatic: '自動',
    theme: 'テーマ', themeStandard: '標準', themeMinimal: 'ミニマル', themeMarketplace: 'マーケットプレイス', themeLuxuryDark: 'ダークラグジュアリー',
    heroTitle: '毎日の暮らしの品を、世界中へお届け', cartTitle: 'カート', total: '合計', checkout: 'レジに進む',
    addToCart: 'カートに入れる', addNamed: '{name}をカートに入れる', remove: '削除', removeNamed: '{name}を削除', emptyCart: 'カートは空です。',
    startFailed: 'お支払い画面を開けませんでした。もう一度お試しください。', confirmed: 'ご注文が確定しました。領収書をメールでお送りします。',
    otherBrowser: 'このご注文は別のブラウザで始められました。お支払いの状況は、お支払いを始めたブラウザでこのリンクを開いてご確認ください。',
    footer: '{link} のデモストアです。サンドボックスのため、実際のお支払いは発生しません。',
    'tote-canvas': 'キャンバストートバッグ', 'mug-stoneware': '陶器のマグカップ', 'notebook-a5': 'ドット方眼ノート A5', 'tea-sencha': '煎茶', 'candle-fig': 'イチジク＆シダーのキャンドル', 'scarf-merino': 'メリノウールのマフラー',
  },
  ko: {
    shippingRegion: '배송 지역', shipTo: '배송 국가', language: '언어', automatic: '자동',
    theme: '테마', themeStandard: '기본', themeMinimal: '미니멀', themeMarketplace: '마켓플레이스', themeLuxuryDark: '다크 럭셔리',
    heroTitle: '매일 쓰는 물건, 전 세계 배송', cartTitle: '장바구니', total: '합계', checkout: '주문하기',
    addToCart: '장바구니 담기', addNamed: '{name} 장바구니 담기', remove: '삭제', removeNamed: '{name} 삭제', emptyCart: '장바구니가 비어 있어요.',
    startFailed: '결제를 시작하지 못했어요. 다시 시도해 주세요.', confirmed: '주문이 확정됐어요. 영수증을 이메일로 보내 드렸어요.',
    otherBrowser: '이 주문은 다른 브라우저에서 시작되었습니다. 결제 상태를 확인하려면 결제를 시작한 브라우저에서 이 링크를 여세요.',
    footer: '{link} 데모 스토어입니다. 샌드박스 전용이라 실제 결제는 이루어지지 않아요.',
    'tote-canvas': '캔버스 토트백', 'mug-stoneware': '석기 머그잔', 'notebook-a5': '도트 노트 A5', 'tea-sencha': '센차 녹차', 'candle-fig': '무화과 & 시더 캔들', 'scarf-merino': '메리노 스카프',
  },
  'zh-CN': {
    shippingRegion: '配送地区', shipTo: '配送至', language: '语言', automatic: '自动',
    theme: '主题', themeStandard: '标准', themeMinimal: '简约', themeMarketplace: '电商平台', themeLuxuryDark: '暗色奢华',
    heroTitle: '日常好物，全球配送', cartTitle: '购物车', total: '合计', checkout: '去结算',
    addToCart: '加入购物车', addNamed: '将{name}加入购物车', remove: '删除', removeNamed: '删除{name}', emptyCart: '购物车是空的。',
    startFailed: '无法开始结算，请重试。', confirmed: '订单已确认，收据已发送到您的邮箱。',
    otherBrowser: '此订单是在另一个浏览器中开始的。要查看付款情况，请在您开始付款的浏览器中打开此链接。',
    footer: '{link} 的演示商店。仅为沙盒环境：不会产生真实付款。',
    'tote-canvas': '帆布托特包', 'mug-stoneware': '粗陶马克杯', 'notebook-a5': 'A5 点阵笔记本', 'tea-sencha': '煎茶绿茶', 'candle-fig': '无花果雪松香薰蜡烛', 'scarf-merino': '美利奴羊毛围巾',
  },
  'zh-TW': {
    shippingRegion: '配送地區', shipTo: '配送至', language: '語言', automatic: '自動',
    theme: '主題', themeStandard: '標準', themeMinimal: '簡約', themeMarketplace: '電商平台', themeLuxuryDark: '暗色奢華',
    heroTitle: '日常好物，全球配送', cartTitle: '購物車', total: '總計', checkout: '前往結帳',
    addToCart: '加入購物車', addNamed: '將{name}加入購物車', remove: '移除', removeNamed: '移除{name}', emptyCart: '購物車是空的。',
    startFailed: '無法開始結帳，請再試一次。', confirmed: '訂單已確認，收據已寄到您的電子郵件信箱。',
    otherBrowser: '此訂單是在另一個瀏覽器中開始的。若要查看付款狀態，請在您開始付款的瀏覽器中開啟此連結。',
    footer: '{link} 的示範商店。僅為沙盒環境：不會產生實際付款。',
    'tote-canvas': '帆布托特包', 'mug-stoneware': '石器馬克杯', 'notebook-a5': 'A5 點格筆記本', 'tea-sencha': '煎茶綠茶', 'candle-fig': '無花果雪松香氛蠟燭', 'scarf-merino': '美麗諾羊毛圍巾',
  },
};

/** The demo language for a BCP 47 tag: the shipped one that matches, else its base language, else English. */
export function storeLanguage(tag) {
  if (STORE_TEXT[tag]) return tag;
  const [language, region] = tag.split('-');
  if (language === 'zh') return ['TW', 'HK', 'MO'].includes(region ?? '') ? 'zh-TW' : 'zh-CN';
  if (language === 'es' && region && region !== 'ES') return 'es-MX';
  if (language === 'pt') return 'pt-BR';
  return STORE_TEXT[language ?? ''] ? language : 'en';
}

/** One of the store's words in `lang`, with `{name}`-style values filled in. */
export function storeText(lang, key, values = {}) {
  const text = STORE_TEXT[storeLanguage(lang)]?.[key] ?? STORE_TEXT.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}
