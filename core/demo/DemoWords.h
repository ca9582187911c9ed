#pragma once

// Word lists for DemoSeeder: made-up brands and people, real-sounding products.
namespace pos::demowords {

struct DemoCategory {
    const char* name;
    const char* taxCode; // STD, RED or ZERO
    const char* nouns;   // '|' separated
    const char* sizes;   // '|' separated; empty for none
    int minPriceMinor;   // price range per unit (or per kg when by weight)
    int maxPriceMinor;
    bool byWeight; // some items of this category are sold by weight
};

inline constexpr DemoCategory Categories[] = {
    {"Dairy", "RED",
     "Whole Milk|Semi Skimmed Milk|Greek Yogurt|Butter|Cheddar Cheese|Cream Cheese|Mozzarella|"
     "Sour Cream|Goat Cheese|Oat Drink|Kefir|Quark",
     "1L|500ml|250g|200g|400g|150g", 59, 699, false},
    {"Bakery", "RED",
     "Sourdough Bread|Rye Bread|Croissants|Bagels|Baguette|Brioche|Muffins|Pretzels|Toast Bread|"
     "Cinnamon Rolls",
     "4 pack|6 pack|500g|750g|400g", 89, 499, false},
    {"Produce", "RED",
     "Bananas|Apples|Tomatoes|Potatoes|Carrots|Onions|Avocados|Lemons|Oranges|Grapes|Pears|"
     "Cucumbers|Bell Peppers|Mushrooms",
     "1kg|500g|2kg|6 pack", 49, 599, true},
    {"Meat", "RED",
     "Chicken Breast|Beef Mince|Pork Chops|Lamb Shoulder|Turkey Slices|Beef Steak|Bratwurst|"
     "Bacon|Chicken Thighs",
     "400g|500g|1kg|250g", 299, 2499, true},
    {"Seafood", "RED", "Salmon Fillet|Cod Fillet|Prawns|Tuna Steak|Mussels|Smoked Salmon|Trout",
     "200g|300g|500g", 399, 2999, true},
    {"Frozen", "RED",
     "Pizza Margherita|Garden Peas|Fish Fingers|Vanilla Ice Cream|Spinach|Berry Mix|French Fries|"
     "Vegetable Lasagne",
     "400g|750g|1kg|500ml", 149, 799, false},
    {"Beverages", "STD",
     "Orange Juice|Apple Juice|Sparkling Water|Still Water|Cola|Lemonade|Iced Tea|Ginger Ale|"
     "Energy Drink",
     "1L|1.5L|330ml|500ml|6 x 330ml", 49, 899, false},
    {"Coffee & Tea", "RED",
     "Dark Roast Coffee Beans|Espresso Beans|Ground Coffee|Green Tea|Earl Grey Tea|Chamomile Tea|"
     "Instant Coffee|Coffee Pods",
     "250g|500g|1kg|20 bags|40 bags|10 pods", 199, 1999, false},
    {"Snacks", "RED",
     "Potato Chips|Tortilla Chips|Salted Pretzels|Mixed Nuts|Popcorn|Rice Crackers|Trail Mix",
     "100g|150g|200g|300g", 99, 499, false},
    {"Confectionery", "RED",
     "Milk Chocolate Bar|Dark Chocolate Bar|Gummy Bears|Licorice|Caramel Toffees|Mints|"
     "Hazelnut Pralines",
     "100g|200g|250g|50g", 79, 899, false},
    {"Pantry", "RED",
     "Spaghetti|Penne|Basmati Rice|Olive Oil|Tomato Sauce|Chickpeas|Flour|Sugar|Honey|"
     "Peanut Butter|Strawberry Jam",
     "500g|1kg|750ml|400g|250g", 69, 1299, false},
    {"Breakfast", "RED", "Muesli|Corn Flakes|Porridge Oats|Granola|Pancake Mix|Maple Syrup",
     "375g|500g|750g|1kg", 149, 799, false},
    {"Household", "STD",
     "Dish Soap|Laundry Detergent|Paper Towels|Toilet Paper|Trash Bags|Sponges|Glass Cleaner|"
     "Aluminium Foil",
     "500ml|1L|2L|4 rolls|8 rolls|20 pack", 99, 1499, false},
    {"Personal Care", "STD",
     "Shampoo|Conditioner|Shower Gel|Toothpaste|Deodorant|Hand Soap|Body Lotion|Razor Blades",
     "250ml|400ml|75ml|150ml|4 pack", 99, 1299, false},
    {"Baby", "ZERO", "Baby Wipes|Diapers Size 3|Baby Food Carrot|Infant Formula|Baby Shampoo",
     "64 pack|30 pack|190g|800g|200ml", 129, 2999, false},
    {"Pet", "STD", "Dry Dog Food|Cat Food Pouches|Cat Litter|Dog Treats|Bird Seed",
     "2kg|12 x 85g|10L|200g|1kg", 149, 2499, false},
    {"Deli", "RED",
     "Black Forest Ham|Salami|Olives|Hummus|Pesto|Smoked Turkey|Prosciutto|Potato Salad",
     "100g|150g|200g|250g", 149, 3999, true},
    {"Wine & Beer", "STD",
     "Pale Ale|Pilsner|Wheat Beer|Red Wine|White Wine|Rose Wine|Sparkling Wine|Cider",
     "330ml|500ml|750ml|6 x 330ml", 89, 2499, false},
    {"Health", "ZERO", "Vitamin C Tablets|Plasters|Pain Relief Tablets|Cough Drops|Multivitamins",
     "20 pack|30 tablets|60 tablets|100 tablets", 199, 1499, false},
    {"Stationery", "STD", "Ballpoint Pens|Notebook A5|Printer Paper|Sticky Notes|Highlighters",
     "10 pack|A4 500 sheets|3 pack|5 pack", 99, 999, false},
};

inline constexpr const char* Brands[] = {
    "Alpine",      "Sunny Vale",     "Green Acre",   "Nordic",     "Golden Field",
    "Blue Harbor", "Oak & Stone",    "Meadow",       "Riverbend",  "Maple Hill",
    "Silver Fern", "Red Barn",       "Harvest Moon", "Cedar Lane", "Bright Day",
    "Northwind",   "Little Orchard", "Stonebridge",  "Seaside",    "Valley Farms"};

inline constexpr const char* Adjectives[] = {
    "Organic", "Fresh",     "Classic", "Premium", "Light",   "Farmhouse",  "Original",
    "Natural", "Family",    "Select",  "Rustic",  "Gourmet", "Everyday",   "Extra",
    "Local",   "Homestyle", "Mild",    "Rich",    "Pure",    "Traditional"};

inline constexpr const char* FirstNames[] = {
    "Anna", "Ben",   "Clara",  "David", "Emma",  "Felix", "Greta",   "Hannah", "Ivan",  "Julia",
    "Karl", "Lena",  "Marco",  "Nina",  "Oscar", "Paula", "Quentin", "Rosa",   "Simon", "Tara",
    "Uwe",  "Vera",  "Walter", "Xenia", "Yusuf", "Zoe",   "Amir",    "Bea",    "Chen",  "Dara",
    "Elif", "Farid", "Gina",   "Hugo",  "Ines",  "Jonas", "Kira",    "Luca",   "Maya",  "Noah"};

inline constexpr const char* LastNames[] = {
    "Schmidt", "Miller",   "Novak",  "Garcia",  "Rossi",    "Jensen", "Kowalski",  "Dubois",
    "Nguyen",  "Okafor",   "Larsen", "Fischer", "Weber",    "Moreau", "Silva",     "Tanaka",
    "Becker",  "Hoffmann", "Kaya",   "Petrov",  "Andersen", "Costa",  "Meyer",     "Schulz",
    "Wagner",  "Brown",    "Lopez",  "Horvath", "Yilmaz",   "Berg",   "Lindqvist", "Murphy"};

// GS1 company prefixes that look like real goods from several countries (none starts with 2,
// which seedProducts keeps for in-store second barcodes).
inline constexpr const char* CountryPrefixes[] = {"400", "401", "403", "405", "409", "410", "426",
                                                  "500", "501", "540", "560", "590", "690", "730",
                                                  "760", "800", "840", "870", "900", "380"};

} // namespace pos::demowords
