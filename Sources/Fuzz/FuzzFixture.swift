/// A tiny dataset with the sample data's schema (`sample-data/dataset/schema.json`): the fuzz
/// targets' fixed surroundings, so each input replaces one file of an otherwise valid setup.
enum FuzzFixture {
  /// The sample data's schema.
  static let schema = """
    {
     "description": "Synthetic Kuaishou-like multi-domain multi-task log (pepnet generate)",
     "domains": [
      "double_column",
      "single_column",
      "featured"
     ],
     "impressions": {
      "context": [
       "hour",
       "network"
      ],
      "domain": "domain",
      "item_id": "item_id",
      "oracle": {
       "comment": "oracle_comment",
       "follow": "oracle_follow",
       "forward": "oracle_forward",
       "hate": "oracle_hate",
       "like": "oracle_like",
       "long_view": "oracle_long_view"
      },
      "tasks": [
       "long_view",
       "like",
       "comment",
       "forward",
       "follow",
       "hate"
      ],
      "user_id": "user_id"
     },
     "items": {
      "author_id": "author_id",
      "features": [
       "category",
       "duration"
      ],
      "file": "items.csv",
      "id": "item_id",
      "title": "title"
     },
     "splits": {
      "test": "test.csv",
      "train": "train.csv",
      "valid": "valid.csv"
     },
     "users": {
      "features": [
       "age",
       "gender",
       "city",
       "activity"
      ],
      "file": "users.csv",
      "id": "user_id"
     },
     "version": 1
    }
    """

  /// Eight users of the sample data.
  static let users = """
    user_id,age,gender,city,activity
    u0,25-34,m,t3,mid
    u1,18-24,m,t3,low
    u2,<18,f,t2,low
    u3,18-24,f,t4,high
    u4,25-34,f,t2,low
    u5,18-24,f,t1,mid
    u6,<18,m,t3,high
    u7,25-34,f,t3,low

    """

  /// Eight items of the sample data (one title quoted).
  static let items = """
    item_id,author_id,category,duration,title
    i0,a523,beauty,mid,Nail art tutorial: with grandma
    i1,a568,music,mid,Folk song duet: day 3
    i2,a585,music,short,First-time folk song duet
    i3,a415,pets,mid,Cat vs cucumber: no talking
    i4,a365,fitness,short,"Thirty-day plank, part 9"
    i5,a568,pets,mid,Unexpected puppy's first snow
    i6,a304,pets,short,Parrot that talks back in Wuhan
    i7,a593,cars,short,Slow-motion tractor restoration

    """

  /// Thirty sample impressions, ids folded onto the eight users and items.
  static let train = """
    user_id,item_id,domain,hour,network,long_view,like,comment,forward,follow,hate
    u2,i5,featured,9,wifi,0,0,0,0,0,0
    u4,i4,double_column,20,wifi,0,0,0,0,0,0
    u7,i4,double_column,14,wifi,0,0,0,0,0,0
    u6,i7,single_column,22,wifi,0,0,0,0,0,0
    u1,i4,single_column,23,wifi,0,0,0,0,0,0
    u1,i4,double_column,22,wifi,0,0,0,0,0,0
    u7,i4,single_column,8,wifi,1,0,0,0,0,0
    u7,i6,featured,18,wifi,0,0,0,0,0,0
    u2,i1,single_column,18,wifi,0,0,0,0,0,0
    u3,i4,single_column,16,wifi,1,0,0,0,0,0
    u1,i3,double_column,6,wifi,0,0,0,0,0,0
    u4,i6,double_column,18,wifi,0,0,0,0,0,0
    u7,i7,double_column,20,wifi,1,0,0,0,0,0
    u0,i2,double_column,20,wifi,0,0,0,0,0,0
    u4,i0,single_column,15,wifi,0,0,0,0,0,0
    u6,i3,double_column,18,wifi,0,0,0,0,0,0
    u5,i4,featured,21,wifi,1,0,0,0,0,0
    u4,i4,single_column,0,wifi,0,0,0,0,0,0
    u1,i4,featured,17,wifi,0,0,0,0,0,0
    u5,i4,single_column,19,wifi,0,0,0,0,0,0
    u6,i2,double_column,9,4g,0,0,0,0,0,0
    u7,i4,double_column,19,4g,0,0,0,0,0,0
    u4,i0,single_column,14,wifi,1,1,0,0,0,0
    u1,i7,featured,11,wifi,0,0,0,0,0,0
    u2,i5,double_column,6,wifi,0,0,0,0,0,0
    u0,i4,single_column,15,wifi,0,0,0,0,0,0
    u6,i6,double_column,13,wifi,0,0,0,0,0,0
    u2,i0,featured,20,wifi,0,0,0,0,0,0
    u7,i6,double_column,21,4g,1,0,0,0,0,0
    u2,i7,double_column,10,4g,0,0,0,0,0,0

    """

  /// Six impressions with oracle columns, some ids unseen.
  static let valid = """
    user_id,item_id,domain,hour,network,long_view,like,comment,forward,follow,hate,\
    oracle_long_view,oracle_like,oracle_comment,oracle_forward,oracle_follow,oracle_hate
    u3,i8,featured,8,wifi,0,1,0,0,0,0,0.222,0.02443,0.004366,0.002849,0.01095,0.0009016
    u4,i1,single_column,8,4g,1,0,0,0,0,0,0.4905,0.08797,0.01277,0.03686,0.004341,0.0007372
    u0,i3,single_column,18,4g,1,0,0,0,0,0,0.3421,0.05173,0.01095,0.01365,0.01007,0.0006412
    u7,i3,single_column,12,wifi,0,0,0,0,0,0,0.0151,0.0009996,0.0003179,0.0001488,0.00008448,0.01308
    u3,i9,single_column,16,4g,1,0,0,0,0,0,0.5943,0.05457,0.002245,0.002621,0.006421,0.0004619
    u5,i6,single_column,9,wifi,1,0,0,0,0,0,0.2823,0.04357,0.005476,0.007691,0.0008639,0.0008847

    """
}
