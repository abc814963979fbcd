/**
 * The words the demo supermarket is made of: departments of a Chinese hypermarket, with product nouns, the
 * sizes they come in and fictional brands (real-looking, no real trademark). Names are "中文 English".
 * Tax classes follow China's VAT (Announcement No. 39 [2019] of the MoF, STA and GAC: 13 % general goods, 9 %
 * agricultural products, edible oils, grain, dairy staples and books; fresh vegetables exempt in circulation).
 */
export type DemoTaxClass = 'standard' | 'reduced' | 'exempt' | 'catering';

export interface ProductNoun {
  readonly zh: string;
  readonly en: string;
  /** Pack sizes: label, the pack's weight in grams, price range in fen (CNY minor units). */
  readonly sizes: readonly (readonly [label: string, grams: number, minFen: number, maxFen: number])[];
}

export interface Department {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  readonly taxClass: DemoTaxClass;
  /** Minimum buyer age (China: 18 for alcohol and tobacco), 0 when none. */
  readonly ageRestriction: number;
  /** Share of the ~20,000 packaged products. */
  readonly share: number;
  readonly brands: readonly (readonly [zh: string, en: string])[];
  readonly nouns: readonly ProductNoun[];
}

const s = (label: string, grams: number, minFen: number, maxFen: number) =>
  [label, grams, minFen, maxFen] as const;

export const DEPARTMENTS: readonly Department[] = [
  {
    id: 'dairy',
    zh: '乳制品',
    en: 'Dairy',
    taxClass: 'reduced',
    ageRestriction: 0,
    share: 8,
    brands: [
      ['蒙原', 'Mengyuan'],
      ['光禾', 'Guanghe'],
      ['君乐', 'Junle'],
      ['天山牧场', 'Tianshan Farm'],
      ['新农', 'Xinnong'],
      ['白云', 'Baiyun'],
    ],
    nouns: [
      {
        zh: '纯牛奶',
        en: 'Whole Milk',
        sizes: [s('250ml', 260, 250, 450), s('1L', 1040, 990, 1690), s('250ml×12', 3200, 4290, 6990)],
      },
      { zh: '低脂牛奶', en: 'Low-fat Milk', sizes: [s('250ml', 260, 280, 480), s('950ml', 990, 1090, 1790)] },
      {
        zh: '原味酸奶',
        en: 'Plain Yoghurt',
        sizes: [s('100g×8', 850, 1290, 2290), s('450g', 470, 990, 1590)],
      },
      {
        zh: '草莓酸奶',
        en: 'Strawberry Yoghurt',
        sizes: [s('100g×4', 430, 790, 1290), s('200g', 210, 490, 790)],
      },
      { zh: '奶酪片', en: 'Cheese Slices', sizes: [s('200g', 210, 1890, 2990), s('100g', 110, 990, 1690)] },
      { zh: '黄油', en: 'Butter', sizes: [s('227g', 235, 2290, 3990), s('100g', 105, 1190, 1890)] },
      { zh: '淡奶油', en: 'Whipping Cream', sizes: [s('250ml', 265, 1590, 2590), s('1L', 1050, 4990, 7990)] },
    ],
  },
  {
    id: 'bakery',
    zh: '烘焙',
    en: 'Bakery',
    taxClass: 'standard',
    ageRestriction: 0,
    share: 5,
    brands: [
      ['麦香坊', 'Maixiang'],
      ['桃园', 'Taoyuan'],
      ['好利', 'Haoli'],
      ['金麦', 'Golden Wheat'],
    ],
    nouns: [
      { zh: '切片吐司', en: 'Sliced Toast', sizes: [s('400g', 410, 890, 1590), s('800g', 810, 1490, 2490)] },
      { zh: '全麦面包', en: 'Wholemeal Bread', sizes: [s('400g', 410, 990, 1690)] },
      { zh: '牛角包', en: 'Croissants', sizes: [s('4个', 240, 1290, 1990), s('6个', 360, 1690, 2690)] },
      { zh: '蛋黄派', en: 'Custard Pies', sizes: [s('12枚', 330, 1190, 1890)] },
      { zh: '肉松面包', en: 'Pork Floss Buns', sizes: [s('6个', 420, 1290, 1990)] },
    ],
  },
  {
    id: 'grain-oil',
    zh: '粮油米面',
    en: 'Rice, Flour & Oil',
    taxClass: 'reduced',
    ageRestriction: 0,
    share: 9,
    brands: [
      ['福满仓', 'Fumancang'],
      ['金龙粮', 'Jinlong'],
      ['北大荒原', 'Beidahuang'],
      ['五谷丰', 'Wugufeng'],
      ['香满园', 'Xiangmanyuan'],
    ],
    nouns: [
      {
        zh: '东北大米',
        en: 'Northeast Rice',
        sizes: [s('5kg', 5020, 3990, 6990), s('10kg', 10030, 7490, 12990), s('2.5kg', 2520, 2290, 3990)],
      },
      { zh: '泰国香米', en: 'Thai Jasmine Rice', sizes: [s('5kg', 5020, 5990, 9990)] },
      { zh: '高筋面粉', en: 'Bread Flour', sizes: [s('2.5kg', 2520, 1590, 2590), s('1kg', 1010, 790, 1290)] },
      { zh: '挂面', en: 'Dried Noodles', sizes: [s('1kg', 1010, 690, 1290), s('500g', 505, 390, 690)] },
      { zh: '花生油', en: 'Peanut Oil', sizes: [s('5L', 4700, 8990, 14990), s('1.8L', 1700, 3490, 5490)] },
      { zh: '大豆油', en: 'Soybean Oil', sizes: [s('5L', 4650, 4990, 7990), s('1.8L', 1680, 1990, 3290)] },
      { zh: '菜籽油', en: 'Rapeseed Oil', sizes: [s('5L', 4650, 5990, 8990)] },
      { zh: '小米', en: 'Millet', sizes: [s('1kg', 1010, 990, 1690)] },
    ],
  },
  {
    id: 'condiments',
    zh: '调味品',
    en: 'Condiments',
    taxClass: 'standard',
    ageRestriction: 0,
    share: 9,
    brands: [
      ['海天下', 'Haitianxia'],
      ['李锦堂', 'Lee Jintang'],
      ['厨邦家', 'Chubangjia'],
      ['千禾田', 'Qianhetian'],
      ['老干娘', 'Laoganniang'],
    ],
    nouns: [
      { zh: '生抽', en: 'Light Soy Sauce', sizes: [s('500ml', 610, 690, 1290), s('1.9L', 2200, 1990, 3290)] },
      { zh: '老抽', en: 'Dark Soy Sauce', sizes: [s('500ml', 610, 790, 1390)] },
      { zh: '蚝油', en: 'Oyster Sauce', sizes: [s('510g', 640, 890, 1490)] },
      { zh: '陈醋', en: 'Aged Vinegar', sizes: [s('500ml', 600, 690, 1290)] },
      { zh: '辣椒酱', en: 'Chilli Sauce', sizes: [s('280g', 420, 890, 1490)] },
      { zh: '鸡精', en: 'Chicken Bouillon', sizes: [s('200g', 215, 790, 1290)] },
      { zh: '食用盐', en: 'Table Salt', sizes: [s('400g', 405, 250, 450)] },
      { zh: '白砂糖', en: 'White Sugar', sizes: [s('1kg', 1010, 890, 1390)] },
    ],
  },
  {
    id: 'snacks',
    zh: '休闲零食',
    en: 'Snacks',
    taxClass: 'standard',
    ageRestriction: 0,
    share: 14,
    brands: [
      ['三只熊', 'Three Bears'],
      ['良品铺', 'Liangpinpu'],
      ['旺福', 'Wangfu'],
      ['盼盼乐', 'Panpanle'],
      ['好丽多', 'Haoliduo'],
      ['乐事多', 'Leshiduo'],
      ['徐记', 'Xuji'],
    ],
    nouns: [
      {
        zh: '薯片原味',
        en: 'Potato Crisps Original',
        sizes: [s('70g', 75, 650, 990), s('135g', 140, 990, 1490)],
      },
      { zh: '薯片番茄味', en: 'Potato Crisps Tomato', sizes: [s('70g', 75, 650, 990)] },
      {
        zh: '每日坚果',
        en: 'Daily Mixed Nuts',
        sizes: [s('25g×7', 185, 3990, 5990), s('25g×30', 780, 12990, 16990)],
      },
      { zh: '夏威夷果', en: 'Macadamia Nuts', sizes: [s('160g', 170, 2490, 3590)] },
      { zh: '牛肉干', en: 'Beef Jerky', sizes: [s('100g', 110, 2990, 4590)] },
      { zh: '巧克力', en: 'Milk Chocolate', sizes: [s('100g', 105, 1290, 2490), s('43g', 46, 590, 890)] },
      { zh: '饼干', en: 'Crackers', sizes: [s('200g', 210, 690, 1190), s('400g', 410, 1190, 1890)] },
      { zh: '雪饼', en: 'Rice Crackers', sizes: [s('520g', 540, 1590, 2490)] },
      { zh: '果冻', en: 'Fruit Jelly', sizes: [s('360g', 380, 990, 1590)] },
    ],
  },
  {
    id: 'drinks',
    zh: '饮料',
    en: 'Drinks',
    taxClass: 'standard',
    ageRestriction: 0,
    share: 12,
    brands: [
      ['农泉山', 'Nongquanshan'],
      ['康师兄', 'Kangshixiong'],
      ['元气林', 'Yuanqilin'],
      ['椰树岛', 'Coconut Isle'],
      ['怡宝泉', 'Yibaoquan'],
      ['王老记', 'Wanglaoji'],
    ],
    nouns: [
      {
        zh: '饮用天然水',
        en: 'Natural Water',
        sizes: [s('550ml', 570, 150, 250), s('1.5L', 1540, 290, 450), s('550ml×24', 13800, 2990, 4290)],
      },
      {
        zh: '苏打气泡水',
        en: 'Sparkling Water',
        sizes: [s('480ml', 500, 450, 650), s('480ml×15', 7600, 5990, 7990)],
      },
      { zh: '冰红茶', en: 'Iced Black Tea', sizes: [s('500ml', 520, 300, 450), s('1L', 1040, 550, 790)] },
      { zh: '橙汁', en: 'Orange Juice', sizes: [s('1L', 1080, 1290, 2290), s('300ml', 320, 450, 790)] },
      {
        zh: '椰汁',
        en: 'Coconut Milk Drink',
        sizes: [s('245ml×6', 1600, 2190, 3290), s('1.25L', 1300, 1290, 1990)],
      },
      { zh: '凉茶', en: 'Herbal Tea', sizes: [s('310ml×6', 2000, 2190, 2990)] },
      {
        zh: '可乐',
        en: 'Cola',
        sizes: [s('330ml', 350, 250, 350), s('2L', 2080, 650, 890), s('330ml×24', 8500, 4990, 6490)],
      },
      { zh: '速溶咖啡', en: 'Instant Coffee', sizes: [s('15g×20', 330, 3990, 5990)] },
    ],
  },
  {
    id: 'alcohol',
    zh: '酒水',
    en: 'Beer, Wine & Spirits',
    taxClass: 'standard',
    ageRestriction: 18,
    share: 6,
    brands: [
      ['青岛湾', 'Qingdaowan'],
      ['雪原', 'Xueyuan'],
      ['燕京城', 'Yanjingcheng'],
      ['张裕园', 'Zhangyuyuan'],
      ['牛栏坊', 'Niulanfang'],
      ['汾香', 'Fenxiang'],
    ],
    nouns: [
      {
        zh: '纯生啤酒',
        en: 'Draught Beer',
        sizes: [s('500ml', 530, 590, 890), s('500ml×12', 6500, 5990, 8990)],
      },
      { zh: '精酿啤酒', en: 'Craft Beer', sizes: [s('330ml', 360, 1290, 1990)] },
      { zh: '干红葡萄酒', en: 'Dry Red Wine', sizes: [s('750ml', 1250, 4990, 29900)] },
      { zh: '干白葡萄酒', en: 'Dry White Wine', sizes: [s('750ml', 1250, 5990, 19900)] },
      {
        zh: '二锅头',
        en: 'Erguotou Baijiu',
        sizes: [s('500ml', 900, 1590, 2990), s('100ml', 180, 590, 890)],
      },
      { zh: '清香型白酒', en: 'Light-aroma Baijiu', sizes: [s('475ml', 950, 6990, 39900)] },
      { zh: '黄酒', en: 'Shaoxing Rice Wine', sizes: [s('500ml', 880, 1290, 3990)] },
    ],
  },
  {
    id: 'tobacco',
    zh: '烟草',
    en: 'Tobacco',
    taxClass: 'standard',
    ageRestriction: 18,
    share: 1,
    brands: [
      ['红塔山河', 'Hongtashanhe'],
      ['黄鹤峰', 'Huanghefeng'],
      ['玉溪源', 'Yuxiyuan'],
    ],
    nouns: [
      {
        zh: '香烟 硬盒',
        en: 'Cigarettes Hard Pack',
        sizes: [s('20支', 30, 1500, 6500), s('条 10盒', 320, 15000, 65000)],
      },
    ],
  },
  {
    id: 'frozen',
    zh: '冷冻食品',
    en: 'Frozen',
    taxClass: 'standard',
    ageRestriction: 0,
    share: 7,
    brands: [
      ['思念家', 'Sinianjia'],
      ['三全味', 'Sanquanwei'],
      ['湾仔港', 'Wanzaigang'],
      ['安井田', 'Anjingtian'],
    ],
    nouns: [
      {
        zh: '猪肉白菜水饺',
        en: 'Pork & Cabbage Dumplings',
        sizes: [s('1kg', 1030, 2190, 3490), s('500g', 520, 1290, 1990)],
      },
      { zh: '三鲜水饺', en: 'Three-delicacy Dumplings', sizes: [s('1kg', 1030, 2490, 3690)] },
      { zh: '汤圆', en: 'Sweet Rice Balls', sizes: [s('400g', 420, 990, 1590)] },
      { zh: '鱼丸', en: 'Fish Balls', sizes: [s('400g', 420, 1290, 1990)] },
      { zh: '速冻玉米', en: 'Frozen Sweetcorn', sizes: [s('1kg', 1020, 1290, 1990)] },
      { zh: '冰淇淋', en: 'Ice Cream', sizes: [s('4支', 320, 1590, 2990), s('1.5L', 900, 3990, 5990)] },
    ],
  },
  {
    id: 'household',
    zh: '家居清洁',
    en: 'Household',
    taxClass: 'standard',
    ageRestriction: 0,
    share: 12,
    brands: [
      ['蓝月湾', 'Blue Moon Bay'],
      ['立白净', 'Libaijing'],
      ['维达丽', 'Weidali'],
      ['心相依', 'Xinxiangyi'],
      ['超能手', 'Chaonengshou'],
      ['威猛', 'Weimeng'],
    ],
    nouns: [
      { zh: '洗衣液', en: 'Laundry Liquid', sizes: [s('2kg', 2150, 2990, 4990), s('3kg', 3200, 4590, 6990)] },
      { zh: '洗洁精', en: 'Dish Soap', sizes: [s('1.29kg', 1380, 1290, 1990)] },
      {
        zh: '抽纸',
        en: 'Facial Tissues',
        sizes: [s('3层100抽×6', 900, 1990, 3290), s('3层120抽×18', 2900, 4990, 7990)],
      },
      { zh: '卷纸', en: 'Toilet Rolls', sizes: [s('4层×10卷', 1300, 2990, 4990)] },
      { zh: '厨房纸', en: 'Kitchen Roll', sizes: [s('2卷', 420, 1290, 1990)] },
      { zh: '垃圾袋', en: 'Bin Bags', sizes: [s('50只', 330, 990, 1690)] },
      { zh: '消毒液', en: 'Disinfectant', sizes: [s('1.2kg', 1280, 2490, 3990)] },
      { zh: '5号电池', en: 'AA Batteries', sizes: [s('4节', 100, 1290, 2990), s('12节', 290, 3290, 5990)] },
    ],
  },
  {
    id: 'personal-care',
    zh: '个人护理',
    en: 'Personal Care',
    taxClass: 'standard',
    ageRestriction: 0,
    share: 11,
    brands: [
      ['佳洁美', 'Jiajiemei'],
      ['云南白草', 'Yunnan Baicao'],
      ['飘柔雅', 'Piaorouya'],
      ['舒肤宝', 'Shufubao'],
      ['六神花', 'Liushenhua'],
      ['大宝贝', 'Dabaobei'],
    ],
    nouns: [
      { zh: '牙膏', en: 'Toothpaste', sizes: [s('120g', 140, 990, 2990), s('180g', 210, 1590, 3990)] },
      { zh: '牙刷', en: 'Toothbrush', sizes: [s('2支', 60, 990, 2490)] },
      { zh: '洗发水', en: 'Shampoo', sizes: [s('400ml', 450, 2990, 5990), s('750ml', 820, 4990, 8990)] },
      { zh: '沐浴露', en: 'Shower Gel', sizes: [s('720ml', 790, 2990, 5490)] },
      { zh: '香皂', en: 'Bar Soap', sizes: [s('115g×3', 370, 1290, 2290)] },
      { zh: '花露水', en: 'Floral Water', sizes: [s('195ml', 250, 1190, 1990)] },
      { zh: '卫生巾', en: 'Sanitary Pads', sizes: [s('10片', 120, 1290, 2490)] },
    ],
  },
  {
    id: 'baby',
    zh: '母婴',
    en: 'Baby',
    taxClass: 'standard',
    ageRestriction: 0,
    share: 4,
    brands: [
      ['贝因乐', 'Beiyinle'],
      ['好孩宝', 'Haohaibao'],
      ['爱他家', 'Aitajia'],
    ],
    nouns: [
      { zh: '婴儿奶粉 1段', en: 'Infant Formula Stage 1', sizes: [s('800g', 900, 19800, 32800)] },
      { zh: '婴儿奶粉 3段', en: 'Toddler Formula Stage 3', sizes: [s('800g', 900, 16800, 29800)] },
      { zh: '纸尿裤 M', en: 'Nappies Size M', sizes: [s('60片', 1900, 8990, 15990)] },
      { zh: '婴儿湿巾', en: 'Baby Wipes', sizes: [s('80抽×3', 1400, 2990, 4990)] },
    ],
  },
  {
    id: 'canned',
    zh: '罐头与速食',
    en: 'Canned & Instant',
    taxClass: 'standard',
    ageRestriction: 0,
    share: 7,
    brands: [
      ['康师兄', 'Kangshixiong'],
      ['统一家', 'Tongyijia'],
      ['梅林港', 'Meilingang'],
      ['白象山', 'Baixiangshan'],
    ],
    nouns: [
      {
        zh: '红烧牛肉面',
        en: 'Braised Beef Instant Noodles',
        sizes: [s('5连包', 560, 1290, 1890), s('桶装', 120, 450, 650)],
      },
      { zh: '酸菜牛肉面', en: 'Pickled Cabbage Beef Noodles', sizes: [s('5连包', 560, 1290, 1890)] },
      { zh: '午餐肉罐头', en: 'Luncheon Meat', sizes: [s('340g', 390, 1590, 2490)] },
      { zh: '黄桃罐头', en: 'Yellow Peach in Syrup', sizes: [s('425g', 520, 890, 1490)] },
      { zh: '自热火锅', en: 'Self-heating Hot Pot', sizes: [s('400g', 430, 2990, 4590)] },
      { zh: '八宝粥', en: 'Eight-treasure Congee', sizes: [s('360g×12', 4600, 4290, 6490)] },
    ],
  },
];

/** Loose produce sold by weight, keyed at the scale by IFPS PLU codes (ifpsglobal.com PLU list). */
export const LOOSE_PRODUCE: readonly {
  readonly plu: string;
  readonly zh: string;
  readonly en: string;
  /** Price per kilogram in fen. */
  readonly perKgFen: number;
  readonly taxClass: DemoTaxClass;
  /** Grams of the bag or tray the scale subtracts. */
  readonly tareGrams: number;
}[] = [
  { plu: '4011', zh: '香蕉', en: 'Bananas', perKgFen: 798, taxClass: 'reduced', tareGrams: 5 },
  { plu: '4131', zh: '富士苹果', en: 'Fuji Apples', perKgFen: 1196, taxClass: 'reduced', tareGrams: 5 },
  { plu: '4133', zh: '嘎啦苹果', en: 'Gala Apples', perKgFen: 1396, taxClass: 'reduced', tareGrams: 5 },
  { plu: '4012', zh: '脐橙', en: 'Navel Oranges', perKgFen: 996, taxClass: 'reduced', tareGrams: 5 },
  { plu: '4053', zh: '柠檬', en: 'Lemons', perKgFen: 1598, taxClass: 'reduced', tareGrams: 5 },
  { plu: '4022', zh: '青提', en: 'Green Grapes', perKgFen: 2396, taxClass: 'reduced', tareGrams: 12 },
  { plu: '4023', zh: '红提', en: 'Red Grapes', perKgFen: 2196, taxClass: 'reduced', tareGrams: 12 },
  { plu: '4409', zh: '巴梨', en: 'Bartlett Pears', perKgFen: 1396, taxClass: 'reduced', tareGrams: 5 },
  { plu: '4030', zh: '猕猴桃', en: 'Kiwifruit', perKgFen: 1996, taxClass: 'reduced', tareGrams: 12 },
  { plu: '4046', zh: '牛油果', en: 'Avocados', perKgFen: 3196, taxClass: 'reduced', tareGrams: 12 },
  { plu: '4959', zh: '芒果', en: 'Mangoes', perKgFen: 1796, taxClass: 'reduced', tareGrams: 5 },
  { plu: '4032', zh: '西瓜', en: 'Watermelon', perKgFen: 398, taxClass: 'reduced', tareGrams: 0 },
  { plu: '4664', zh: '番茄', en: 'Tomatoes', perKgFen: 796, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4062', zh: '黄瓜', en: 'Cucumbers', perKgFen: 598, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4072', zh: '土豆', en: 'Potatoes', perKgFen: 398, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4562', zh: '胡萝卜', en: 'Carrots', perKgFen: 398, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4665', zh: '洋葱', en: 'Onions', perKgFen: 358, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4608', zh: '大蒜', en: 'Garlic', perKgFen: 1198, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4612', zh: '生姜', en: 'Ginger', perKgFen: 1398, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4069', zh: '大白菜', en: 'Napa Cabbage', perKgFen: 298, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4060', zh: '西兰花', en: 'Broccoli', perKgFen: 998, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4081', zh: '茄子', en: 'Aubergines', perKgFen: 698, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4065', zh: '青椒', en: 'Green Peppers', perKgFen: 798, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4816', zh: '红薯', en: 'Sweet Potatoes', perKgFen: 498, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4068', zh: '小葱', en: 'Spring Onions', perKgFen: 1198, taxClass: 'exempt', tareGrams: 5 },
  { plu: '4647', zh: '香菇', en: 'Shiitake Mushrooms', perKgFen: 1998, taxClass: 'exempt', tareGrams: 12 },
  { plu: '4645', zh: '白蘑菇', en: 'White Mushrooms', perKgFen: 1598, taxClass: 'exempt', tareGrams: 12 },
  { plu: '4090', zh: '菠菜', en: 'Spinach', perKgFen: 998, taxClass: 'exempt', tareGrams: 5 },
];

/** Counter goods weighed and labelled in store (the price/weight barcodes of the store's nomenclature). */
export const SERVICE_COUNTER: readonly {
  readonly zh: string;
  readonly en: string;
  readonly perKgFen: number;
  readonly taxClass: DemoTaxClass;
  /** 'weight': the label carries grams (`21`); 'price': it carries the price (`23`). */
  readonly embeds: 'weight' | 'price';
  readonly department: 'meat' | 'seafood' | 'deli';
}[] = [
  {
    zh: '猪五花肉',
    en: 'Pork Belly',
    perKgFen: 3596,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'meat',
  },
  {
    zh: '猪里脊',
    en: 'Pork Tenderloin',
    perKgFen: 3996,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'meat',
  },
  {
    zh: '猪排骨',
    en: 'Pork Spare Ribs',
    perKgFen: 5596,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'meat',
  },
  {
    zh: '牛腱子',
    en: 'Beef Shank',
    perKgFen: 8996,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'meat',
  },
  {
    zh: '牛腩',
    en: 'Beef Brisket',
    perKgFen: 7996,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'meat',
  },
  {
    zh: '羊肉卷',
    en: 'Lamb Rolls',
    perKgFen: 9996,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'meat',
  },
  {
    zh: '鸡翅中',
    en: 'Chicken Wings',
    perKgFen: 4996,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'meat',
  },
  {
    zh: '鸡腿',
    en: 'Chicken Drumsticks',
    perKgFen: 2596,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'meat',
  },
  {
    zh: '鸡胸肉',
    en: 'Chicken Breast',
    perKgFen: 2396,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'meat',
  },
  {
    zh: '鲈鱼',
    en: 'Sea Bass',
    perKgFen: 5996,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'seafood',
  },
  {
    zh: '基围虾',
    en: 'Greasyback Shrimp',
    perKgFen: 11996,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'seafood',
  },
  {
    zh: '带鱼段',
    en: 'Hairtail Pieces',
    perKgFen: 6996,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'seafood',
  },
  {
    zh: '三文鱼刺身',
    en: 'Salmon Sashimi',
    perKgFen: 29996,
    taxClass: 'reduced',
    embeds: 'price',
    department: 'seafood',
  },
  {
    zh: '花蛤',
    en: 'Manila Clams',
    perKgFen: 2396,
    taxClass: 'reduced',
    embeds: 'weight',
    department: 'seafood',
  },
  {
    zh: '卤牛肉',
    en: 'Braised Beef',
    perKgFen: 15996,
    taxClass: 'catering',
    embeds: 'price',
    department: 'deli',
  },
  { zh: '烤鸭', en: 'Roast Duck', perKgFen: 7996, taxClass: 'catering', embeds: 'price', department: 'deli' },
  {
    zh: '叉烧',
    en: 'Char Siu Pork',
    perKgFen: 9996,
    taxClass: 'catering',
    embeds: 'price',
    department: 'deli',
  },
  {
    zh: '凉拌海带丝',
    en: 'Kelp Salad',
    perKgFen: 3996,
    taxClass: 'catering',
    embeds: 'price',
    department: 'deli',
  },
  {
    zh: '白切鸡',
    en: 'Poached Chicken',
    perKgFen: 6996,
    taxClass: 'catering',
    embeds: 'price',
    department: 'deli',
  },
  {
    zh: '寿司拼盘',
    en: 'Sushi Platter',
    perKgFen: 11996,
    taxClass: 'catering',
    embeds: 'price',
    department: 'deli',
  },
];

/** Departments of the loose and counter goods, beside the packaged ones above. */
export const FRESH_DEPARTMENTS: readonly { id: string; zh: string; en: string }[] = [
  { id: 'produce', zh: '果蔬', en: 'Fruit & Vegetables' },
  { id: 'meat', zh: '肉禽', en: 'Meat & Poultry' },
  { id: 'seafood', zh: '水产', en: 'Seafood' },
  { id: 'deli', zh: '熟食', en: 'Deli' },
];

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
export const SURNAMES_PINYIN = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Huang',
  'Zhao',
  'Wu',
  'Zhou',
  'Xu',
  'Sun',
  'Ma',
  'Zhu',
  'Hu',
  'Guo',
  'He',
  'Lin',
  'Luo',
  'Gao',
];
export const GIVEN_NAMES = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '文',
  '晨',
  '欣怡',
  '子涵',
  '浩然',
  '雨轩',
];
